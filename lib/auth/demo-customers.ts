/* The demo bank's customers' names: the seed opens their accounts, and the demo users sign in as the first of them. */

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Radia', 'Ken', 'Frances', 'Tim', 'Hedy', 'Dennis', 'Sophie', 'Niklaus', 'Joan', 'John', 'Shafi', 'Leslie', 'Annie', 'Bjarne', 'Evelyn', 'Guido', 'Mary', 'Yukihiro', 'Karen', 'James', 'Adele'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Perlman', 'Thompson', 'Allen', 'Berners-Lee', 'Lamarr', 'Ritchie', 'Wilson', 'Wirth', 'Clarke', 'Backus', 'Goldwasser', 'Lamport', 'Easley', 'Stroustrup', 'Berezin', 'van Rossum', 'Keller', 'Matsumoto', 'Spärck Jones', 'Gosling', 'Goldberg'];

export const customerName = (i: number): string => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;

/** `customer:ada-lovelace`: how the seed and the demo identity name a customer. */
export const customerActor = (name: string): string =>
  `customer:${name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
