import { describe, expect, it } from 'vitest';
import { quitChoice, quitPrompt } from './quitPrompt';

describe('quitPrompt', () => {
  it('asks nothing when no post is being sent', () => {
    expect(quitPrompt({ sending: 0, queued: 0 })).toBeNull();
  });

  it('asks to wait or to send later, counting what is in flight and due', () => {
    const one = quitPrompt({ sending: 1, queued: 0 })!;
    expect(one.message).toBe('Signet is sending a post to your blog.');
    const three = quitPrompt({ sending: 1, queued: 2 })!;
    expect(three.message).toBe('Signet is sending 3 posts to your blog.');
    expect(three.buttons).toEqual(['Wait, then Quit', 'Quit and Send Later', 'Cancel']);
    expect(three.buttons[three.defaultId]).toBe('Wait, then Quit');
    expect(three.buttons[three.cancelId]).toBe('Cancel');
  });

  it('maps each button to its choice; anything else cancels', () => {
    const prompt = quitPrompt({ sending: 1, queued: 0 })!;
    expect([0, 1, 2].map((i) => quitChoice(prompt, i))).toEqual(['wait', 'later', 'cancel']);
    expect(quitChoice(prompt, 7)).toBe('cancel');
    expect(quitChoice(prompt, -1)).toBe('cancel');
  });
});
