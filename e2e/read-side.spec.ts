import { expect, test } from './fixtures';

test('a write is readable at once with after_position, and its event arrives over server-sent events', async ({ page, request }) => {
  await page.goto('/');
  // Subscribe from a known position (the head before the write), not "from whenever the EventSource connects":
  // on a busy machine the connection may open after the write, and must still deliver its event.
  const { projections } = (await (await request.get('/api/projections')).json()) as { projections: Array<{ head: number }> };
  const before = Math.max(0, ...projections.map((projection) => projection.head));
  const received = page.evaluate(
    (from) =>
      new Promise<{ type: string; id: string; holder: string }>((resolve) => {
        const source = new EventSource(`/api/events/stream?category=account&from=${from}`);
        source.addEventListener('event', (message) => {
          const event = JSON.parse((message as MessageEvent<string>).data) as { type: string; data: { holder?: { name: string } } };
          if (event.type === 'AccountOpened' && event.data.holder?.name === 'Read Side') {
            source.close();
            resolve({ type: event.type, id: (message as MessageEvent).lastEventId, holder: event.data.holder.name });
          }
        });
      }),
    before,
  );

  const opened = await request.post('/api/accounts', { data: { owner: 'Read Side', currency: 'GBP', overdraftLimit: 5000 } });
  expect(opened.status()).toBe(201);
  const { accountId, globalPosition } = (await opened.json()) as { accountId: string; globalPosition: number };
  expect(globalPosition).toBeGreaterThan(before);

  const summary = await request.get(`/api/accounts/${accountId}/summary?after_position=${globalPosition}`);
  expect(summary.status()).toBe(200);
  expect(await summary.json()).toMatchObject({ accountId, owner: 'Read Side', currency: 'GBP', balance: 0, status: 'open' });

  expect(await received).toEqual({ type: 'AccountOpened', id: String(globalPosition), holder: 'Read Side' });
});
