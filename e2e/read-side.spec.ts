import { expect, test } from './fixtures';

test('a write is readable at once with after_position, and its event arrives over server-sent events', async ({ page, request }) => {
  await page.goto('/');
  const received = page.evaluate(
    () =>
      new Promise<{ type: string; id: string }>((resolve) => {
        const source = new EventSource('/api/events/stream?category=account');
        source.addEventListener('event', (message) => {
          const event = JSON.parse((message as MessageEvent<string>).data) as { type: string };
          if (event.type === 'AccountOpened') {
            source.close();
            resolve({ type: event.type, id: (message as MessageEvent).lastEventId });
          }
        });
      }),
  );
  await page.waitForTimeout(300);

  const opened = await request.post('/api/accounts', { data: { owner: 'Read Side', currency: 'GBP', overdraftLimit: 5000 } });
  expect(opened.status()).toBe(201);
  const { accountId, globalPosition } = (await opened.json()) as { accountId: string; globalPosition: number };

  const summary = await request.get(`/api/accounts/${accountId}/summary?after_position=${globalPosition}`);
  expect(summary.status()).toBe(200);
  expect(await summary.json()).toMatchObject({ accountId, owner: 'Read Side', currency: 'GBP', balance: 0, status: 'open' });

  expect(await received).toEqual({ type: 'AccountOpened', id: String(globalPosition) });
});
