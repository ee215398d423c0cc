import { tick } from 'svelte';
import type { Announcer } from './announcer.svelte';

/**
 * Why a field's entry was refused, shown beside the field (aria-invalid, aria-describedby) and
 * heard once. The popover's fields (the pasted code, the server address) share it, so an empty
 * entry and an entry main refused are said the same way.
 */
export class FieldProblem {
  text = $state<string | null>(null);

  constructor(
    private readonly announcer: Announcer,
    private readonly field: () => HTMLInputElement | null,
  ) {}

  /**
   * Shows the problem, then sends the user to the field. Focus on the field reads its label,
   * "invalid" and the problem; a field that already has focus is not read again, so the problem
   * is announced instead. Focus waits for the problem to be on the page, so it is read with it.
   */
  async show(text: string): Promise<void> {
    this.text = text;
    const field = this.field();
    // A field the view took away meanwhile can show nothing: the problem is still heard.
    if (field === null || !field.isConnected || document.activeElement === field) {
      this.announcer.say(text, 'assertive');
      return;
    }
    await tick();
    field.focus();
  }

  /** Refuses an empty entry without asking main; true when there was something to send. */
  filled(value: string, sentence: string): boolean {
    if (value.trim() !== '') return true;
    void this.show(sentence);
    return false;
  }

  clear(): void {
    this.text = null;
  }
}
