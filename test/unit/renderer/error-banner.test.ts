import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ErrorBanner from '../../../renderer/src/components/ErrorBanner.svelte';

describe('ErrorBanner', () => {
  it('shows a human title, the message, the backend’s own words and the HTTP status, never the raw kind', () => {
    render(ErrorBanner, {
      error: { kind: 'forbidden', message: 'The backend rejected the API key.', status: 403, backendMessage: 'key revoked' },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('The backend rejected the API key.');
    expect(screen.getByRole('alert')).toHaveTextContent('“key revoked”');
    expect(screen.getByRole('alert')).toHaveTextContent('The API key is not allowed to do this');
    expect(screen.getByRole('alert')).toHaveTextContent('HTTP status 403');
    expect(screen.getByRole('alert')).not.toHaveTextContent('forbidden');
  });

  it('offers a dismiss button only when it can be dismissed', async () => {
    const ondismiss = vi.fn();
    const { unmount } = render(ErrorBanner, { error: { kind: 'network', message: 'Offline.' }, ondismiss });
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledOnce();
    unmount();
    render(ErrorBanner, { error: { kind: 'network', message: 'Offline.' } });
    expect(screen.queryByRole('button', { name: 'Dismiss' })).toBeNull();
  });
});
