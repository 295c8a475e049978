import { customerIdForHolder } from '../domain/account/legacy-customers';

/* The demo bank's customers' names and ids: the seed opens their accounts, and the demo users sign in as the first of them. */

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Radia', 'Ken', 'Frances', 'Tim', 'Hedy', 'Dennis', 'Sophie', 'Niklaus', 'Joan', 'John', 'Shafi', 'Leslie', 'Annie', 'Bjarne', 'Evelyn', 'Guido', 'Mary', 'Yukihiro', 'Karen', 'James', 'Adele'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Perlman', 'Thompson', 'Allen', 'Berners-Lee', 'Lamarr', 'Ritchie', 'Wilson', 'Wirth', 'Clarke', 'Backus', 'Goldwasser', 'Lamport', 'Easley', 'Stroustrup', 'Berezin', 'van Rossum', 'Keller', 'Matsumoto', 'Spärck Jones', 'Gosling', 'Goldberg'];

export const customerName = (i: number): string => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;

/** The names repeat every this many customers: the 31st is a second Ada Lovelace. */
const NAME_CYCLE = FIRST.length;

/**
 * The i-th customer's id: their name's slug (`ada-lovelace`), and for a later customer of the same
 * name the slug numbered (`ada-lovelace-2`). Ids, not names, say whose an account is.
 */
export const customerId = (i: number): string => {
  const slug = customerIdForHolder(customerName(i))!;
  const repeat = Math.floor(i / NAME_CYCLE);
  return repeat === 0 ? slug : `${slug}-${repeat + 1}`;
};

/** `customer:ada-lovelace`: the actor the seed records for a customer's own commands. */
export const customerActor = (id: string): string => `customer:${id}`;
