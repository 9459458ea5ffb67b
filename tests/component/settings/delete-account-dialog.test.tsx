/**
 * « Supprimer mon compte » on the settings page: the dialog says in plain words what will be
 * erased and that it is final, asks the choice for the badges (no default) and the password or
 * PIN, refuses to send without them (said by the field, focus put there), keeps the keyboard
 * inside and gives the focus back, shows the server's refusal (wrong secret) in the dialog with
 * the field emptied, and once the account is deleted goes to the goodbye page. « Télécharger mes
 * données » saves the export as a JSON file.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { MyData } from '../../../client/src/pages/settings/my-data.tsx';
import { type GraphqlCall, renderAdmin } from '../admin/admin-test-app.tsx';

const DELETED = {
  deleteMyAccount: { __typename: 'AccountDeleted', keptBadges: 0, revokedBadges: 2 },
};
const WRONG_SECRET = {
  deleteMyAccount: {
    __typename: 'WrongSecret',
    code: 'wrong-secret',
    message: {
      fr: "Ce n'est pas le bon mot de passe ou code secret. Rien n'a été supprimé : vérifiez-le et réessayez.",
      en: 'That is not the right password or PIN. Nothing was deleted: check it and try again.',
    },
  },
};

function open(answer: (call: GraphqlCall) => unknown = () => DELETED) {
  const rendered = renderAdmin(<MyData />, answer, '/reglages');
  const opener = screen.getByRole('button', { name: 'Supprimer mon compte' });
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: /^Supprimer mon compte\s*\?$/ });
  const keep = screen.getByRole('radio', { name: 'Les garder valables' }) as HTMLInputElement;
  const revoke = screen.getByRole('radio', { name: 'Les annuler' }) as HTMLInputElement;
  const secret = screen.getByLabelText(
    /^Pour confirmer, tapez votre mot de passe/,
  ) as HTMLInputElement;
  const confirm = screen.getByRole('button', { name: 'Supprimer définitivement mon compte' });
  return { ...rendered, opener, dialog, keep, revoke, secret, confirm };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the account deletion dialog', () => {
  it('is a modal dialog that says what is erased, that it is final, with the badge choice first', () => {
    const { dialog, keep, revoke, secret } = open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const description = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toContain('votre nom, votre adresse e-mail ou votre code');
    expect(description?.textContent).toContain('On ne peut pas revenir en arrière.');
    // Both choices are explained in plain words, and neither is chosen for the person.
    expect(keep.checked).toBe(false);
    expect(revoke.checked).toBe(false);
    expect(
      document.getElementById(keep.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('pourront toujours vérifier');
    expect(
      document.getElementById(revoke.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain("n'est plus valable");
    expect(secret.type).toBe('password');
    expect(document.activeElement).toBe(keep);
    expect(dialog.closest('[inert]')).toBeNull();
    expect(screen.getByText('Mes données').closest('body > *')?.hasAttribute('inert')).toBe(true);
  });

  it('sends nothing without a choice or a secret, and says which is missing by the field', () => {
    const { dialog, keep, revoke, secret, confirm, requests } = open();
    fireEvent.click(confirm);
    expect(screen.getByText('Choisissez ce que deviennent vos badges.')).toBeDefined();
    expect(document.activeElement).toBe(keep);
    fireEvent.click(revoke);
    expect(screen.queryByText('Choisissez ce que deviennent vos badges.')).toBeNull();
    fireEvent.click(confirm);
    const error = screen.getByText('Tapez votre mot de passe ou votre code secret.');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(secret.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(document.activeElement).toBe(secret);
    expect(requests).toHaveLength(0);
    expect(dialog.isConnected).toBe(true);
  });

  it('keeps Tab inside, closes with Escape and gives the focus back', () => {
    const { keep, confirm, opener, requests } = open();
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(keep);
    fireEvent.keyDown(keep, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(requests).toHaveLength(0);
  });

  it('shows a wrong secret in the dialog, empties the field and puts the focus back in it', async () => {
    const { keep, secret, confirm, location } = open(() => WRONG_SECRET);
    fireEvent.click(keep);
    fireEvent.change(secret, { target: { value: '1234' } });
    fireEvent.click(confirm);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Ce n'est pas le bon mot de passe ou code secret.");
    expect(screen.getByRole('dialog').contains(alert)).toBe(true);
    expect(secret.value).toBe('');
    expect(document.activeElement).toBe(secret);
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    expect(location.history.at(-1)).toBe('/reglages');
  });

  it('deletes with the choice and the secret, then goes to the goodbye page', async () => {
    const { revoke, secret, confirm, requests, location } = open();
    fireEvent.click(revoke);
    fireEvent.change(secret, { target: { value: '482913' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(location.history.at(-1)).toMatch(/^\/au-revoir/));
    expect(location.history.at(-1)).toContain('badges=revoques');
    const call = requests.find((r) => r.query.includes('deleteMyAccount('));
    expect(call?.variables).toEqual({ input: { secret: '482913', badges: 'REVOKE' } });
  });
});

describe('« Télécharger mes données »', () => {
  it('saves the export, as the server gave it, in a dated JSON file', async () => {
    const saved: Blob[] = [];
    // jsdom has no blob addresses: these two stand in for the browser's, for this test only.
    const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      saved.push(blob);
      return 'blob:export';
    };
    URL.revokeObjectURL = () => undefined;
    onTestFinished(() => {
      URL.createObjectURL = objectUrls.create;
      URL.revokeObjectURL = objectUrls.revoke;
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const text = JSON.stringify({ format: 'grange-data-export/1', profile: { id: 'p1' } });
    renderAdmin(<MyData />, () => ({ myDataExport: text }), '/reglages');
    fireEvent.click(screen.getByRole('button', { name: 'Télécharger mes données' }));
    expect(await screen.findByText('Le fichier est téléchargé.')).toBeDefined();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^mes-donnees-grange-\d{4}-\d{2}-\d{2}\.json$/);
    expect(saved[0]?.type).toBe('application/json');
    expect(await saved[0]?.text()).toBe(text);
  });
});
