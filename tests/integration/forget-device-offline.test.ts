import { describe, expect, it, vi } from 'vitest';
import { forgetThisDevice } from '../../app/_components/owner/forget-device';

describe('"Forget this device"', () => {
  it('drops the offline copies of the owner’s workout pages once the session has ended', async () => {
    const order: string[] = [];
    const done = await forgetThisDevice({
      endSession: async () => (order.push('session ended'), { ok: true, data: { forgotten: true } }) as never,
      forgetOfflinePages: async () => void order.push('offline pages dropped'),
    });
    expect(done).toBeNull();
    expect(order).toEqual(['session ended', 'offline pages dropped']);
  });

  it('keeps them, and says why, when the session could not be ended', async () => {
    const forgetOfflinePages = vi.fn(async () => undefined);
    const failed = { ok: false, status: 500, error: { code: 'internal', message: 'Something went wrong on our side.', problems: [] } };
    expect(await forgetThisDevice({ endSession: async () => failed as never, forgetOfflinePages })).toBe('Something went wrong on our side.');
    expect(forgetOfflinePages).not.toHaveBeenCalled();
  });
});
