import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import KeyForm from '../../../renderer/src/components/KeyForm.svelte';

function keyForm(onsave = vi.fn(async () => true)) {
  render(KeyForm, { label: 'API key', id: 'edit-p1', secret: true, initial: '', placeholder: 'Paste the API key', onsave, oncancel: vi.fn() });
  return { onsave, input: screen.getByLabelText('API key') as HTMLInputElement, save: screen.getByRole('button', { name: 'Save' }) };
}

describe('KeyForm for an API key', () => {
  it.each([
    ['a control character', 'sk-live-0123\u00014567', /control character/],
    ['a non-ASCII letter', 'sk-live-0123é4567', /printable ASCII/],
    ['a tab', 'sk-live-0123\t4567', /control character/],
  ])('says at once what is wrong with %s, without showing the key, and sends nothing', async (_what, bad, says) => {
    const { onsave, input, save } = keyForm();
    await fireEvent.input(input, { target: { value: bad } });
    const problem = screen.getByRole('alert');
    expect(problem).toHaveTextContent(says);
    expect(problem).not.toHaveTextContent('0123');
    expect(save).toBeDisabled();
    await fireEvent.submit(input.form!);
    expect(onsave).not.toHaveBeenCalled();
  });

  it('sends an ordinary key (spaces around a pasted key are trimmed, as main does)', async () => {
    const { onsave, input, save } = keyForm();
    await fireEvent.input(input, { target: { value: '  sk-live-0123456789abcdef  ' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(save).not.toBeDisabled();
    await fireEvent.submit(input.form!);
    expect(onsave).toHaveBeenCalledWith('  sk-live-0123456789abcdef  ');
  });

  it('applies no key rule to the other fields it edits', async () => {
    const onsave = vi.fn(async () => true);
    render(KeyForm, { label: 'Name', id: 'edit-p1', secret: false, initial: '', onsave, oncancel: vi.fn() });
    const input = screen.getByLabelText('Name') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'Production – é' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
