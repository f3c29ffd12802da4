// The status line's messages: fading, sticky, no idle timers.
import { describe, expect, it, vi } from 'vitest';
import { MessageStore } from '../../src/store/message-store.js';

describe('status line messages', () => {
  it('fade after 15 s; a sticky message comes back; no timer while nothing is shown', () => {
    vi.useFakeTimers();
    try {
      const store = new MessageStore();
      let told = 0;
      store.subscribe(() => told++);
      store.set('standing', { sticky: true });
      expect(vi.getTimerCount()).toBe(0);
      store.set('alpha: cancelled, nothing sent');
      expect(store.getSnapshot()).toBe('alpha: cancelled, nothing sent');
      vi.advanceTimersByTime(14_000);
      expect(store.getSnapshot()).toBe('alpha: cancelled, nothing sent');
      vi.advanceTimersByTime(1_000);
      expect(store.getSnapshot()).toBe('standing');
      expect(vi.getTimerCount()).toBe(0);
      expect(told).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
