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

  it('titles a 401 sent without a key as no key set, from the whole error', () => {
    render(ErrorBanner, {
      error: { kind: 'unauthorized', noKey: true, status: 401, message: 'The backend requires an API key (401) and this profile has none: set one.' },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('No API key is set');
    expect(screen.getByRole('alert')).not.toHaveTextContent('rejected');
  });

  it('titles a fault of the app as its own, and a wrong state as one, never as the backend\'s', () => {
    const { unmount } = render(ErrorBanner, { error: { kind: 'internal', message: 'A fault in Export Manager stopped this; please report it.' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in Export Manager');
    expect(screen.getByRole('alert')).toHaveTextContent('please report it');
    expect(screen.getByRole('alert')).not.toHaveTextContent(/backend|internal/);
    unmount();
    render(ErrorBanner, { error: { kind: 'state', message: 'That profile no longer exists; pick another one.' } });
    expect(screen.getByRole('alert')).toHaveTextContent('That cannot be done right now');
    expect(screen.getByRole('alert')).not.toHaveTextContent(/backend could not find/);
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
