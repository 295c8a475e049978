import { describe, expect, it } from 'vitest';
import { auditQueriesOf } from '../../core/audit-queries';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { testBackends } from '../../store/testing/backends';

/* The audit trail's match count, on each store: the same filters as its pages, counted up to a cap. */

const backends = await testBackends();

describe.each(backends)('countEvents on $name', ({ create }) => {
  it('counts what the filters match, and stops one past the cap', async () => {
    const backend = await create();
    const store = backend.open();
    try {
      const meta = (actor: string) => ({ metadata: { actor, correlationId: `c-${actor}`, causationId: null } });
      await store.appendToStream('account-a', [{ ...opened(0), ...meta('teller:ann') }]);
      await store.appendToStream('account-a', [{ ...deposited(500), ...meta('customer:ada') }, { ...withdrawn(100), ...meta('customer:ada') }]);
      await store.appendToStream('account-b', [{ ...opened(0), ...meta('teller:ann') }, { ...deposited(200), ...meta('teller:ann') }]);
      const audit = auditQueriesOf(store)!;
      expect(await audit.countEvents({}, 100)).toBe(5);
      expect(await audit.countEvents({ actor: 'teller:ann' }, 100)).toBe(3);
      expect(await audit.countEvents({ types: ['MoneyDeposited', 'MoneyWithdrawn'], streamId: 'account-a' }, 100)).toBe(2);
      expect(await audit.countEvents({ category: 'account', actor: 'nobody' }, 100)).toBe(0);
      expect(await audit.countEvents({}, 3)).toBe(4);
    } finally {
      await backend.cleanup();
    }
  });
});
