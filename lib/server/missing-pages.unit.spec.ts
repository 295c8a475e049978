import { describe, expect, it } from 'vitest';
import { streamOfPage } from './missing-pages';

describe('the stream behind a page', () => {
  it('names the stream of an account, transfer or debugger page', () => {
    expect(streamOfPage('/accounts/legacy-000417')).toEqual({ kind: 'account', streamId: 'account-legacy-000417' });
    expect(streamOfPage('/transfers/t-1')).toEqual({ kind: 'transfer', streamId: 'transfer-t-1' });
    expect(streamOfPage('/debugger/account-cafe-aurora-merchant')).toEqual({ kind: 'stream', streamId: 'account-cafe-aurora-merchant' });
  });

  it('a malformed id names nothing; other pages are not about a stream', () => {
    expect(streamOfPage('/accounts/%E0%A4%A')).toEqual({ kind: 'account', streamId: null });
    expect(streamOfPage('/debugger/no_dash')).toEqual({ kind: 'stream', streamId: null });
    expect(streamOfPage('/accounts/a%20b')).toEqual({ kind: 'account', streamId: null });
    expect(streamOfPage('/streams')).toBeNull();
    expect(streamOfPage('/debugger/scan')).toBeNull();
    expect(streamOfPage('/accounts/x/extra')).toBeNull();
  });
});
