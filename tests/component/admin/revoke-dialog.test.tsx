/**
 * "Révoquer" a badge: the confirmation dialog asks for the reason and will not send without it,
 * keeps the focus inside (Tab goes round, the page behind is inert), gives it back to the
 * button that opened it, and sends revokeBadge — or, for a flagged award, the REVOKE decision
 * on its flag — with the reason; a refusal from the server is shown in the dialog.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { RevokeDialog } from '../../../client/src/pages/admin/awards/revoke-dialog.tsx';
import { type GraphqlCall, renderAdmin } from './admin-test-app.tsx';

const AWARD = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  title: 'Internet au quotidien',
  learnerDisplayName: 'Jeannine Dubois',
  flagged: false,
};

/** A page with the "Révoquer" button that opens the dialog, as the award page has. */
function Harness({ flagged = false, onRevoked }: { flagged?: boolean; onRevoked: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Révoquer
      </button>
      <p>Le reste de la page</p>
      {open ? (
        <RevokeDialog
          award={{ ...AWARD, flagged }}
          onCancel={() => setOpen(false)}
          onRevoked={() => {
            setOpen(false);
            onRevoked();
          }}
        />
      ) : null}
    </>
  );
}

function revoked(call: GraphqlCall) {
  if (call.query.includes('resolveAwardFlag')) {
    return {
      resolveAwardFlag: {
        __typename: 'ResolveAwardFlagSuccess',
        awardId: AWARD.id,
        decision: 'REVOKE',
      },
    };
  }
  return {
    revokeBadge: {
      __typename: 'RevokeBadgeSuccess',
      awardId: AWARD.id,
      revokedAt: '2026-06-01T10:00:00.000Z',
      alreadyRevoked: false,
    },
  };
}

function open(flagged = false, answer: (call: GraphqlCall) => unknown = revoked) {
  const onRevoked = vi.fn();
  const rendered = renderAdmin(<Harness flagged={flagged} onRevoked={onRevoked} />, answer);
  const opener = screen.getByRole('button', { name: 'Révoquer' });
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog');
  return { ...rendered, onRevoked, opener, dialog };
}

describe('the revoke dialog', () => {
  it('is a named modal dialog that says what follows, with the focus in the reason field', () => {
    const { dialog } = open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(
      screen.getByRole('dialog', { name: /^Révoquer «\s*Internet au quotidien\s*»\s*\?$/ }),
    ).toBe(dialog);
    expect(dialog.textContent).toContain('Toute personne qui le vérifie verra qu');
    expect(dialog.textContent).toContain('On ne peut pas annuler une révocation.');
    const reason = screen.getByLabelText('Motif de la révocation');
    expect(document.activeElement).toBe(reason);
    // The page behind cannot be reached while the dialog is open.
    const behind = screen.getByText('Le reste de la page').closest('body > *');
    expect(behind?.hasAttribute('inert')).toBe(true);
    expect(dialog.closest('[inert]')).toBeNull();
  });

  it('will not revoke without a reason: it says so by the field and keeps the focus there', () => {
    const { dialog, requests } = open();
    const reason = screen.getByLabelText('Motif de la révocation') as HTMLTextAreaElement;
    fireEvent.change(reason, { target: { value: '   ' } });
    screen.getByRole('button', { name: 'Révoquer le badge' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Révoquer le badge' }));
    const error = screen.getByText('Écrivez le motif de la révocation : il est obligatoire.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(document.activeElement).toBe(reason);
    expect(requests).toHaveLength(0);
    expect(dialog.isConnected).toBe(true);
  });

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    const { dialog } = open();
    const reason = screen.getByLabelText('Motif de la révocation');
    const confirm = screen.getByRole('button', { name: 'Révoquer le badge' });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(reason);
    fireEvent.keyDown(reason, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('closes with Escape or "Annuler" and gives the focus back to the "Révoquer" button', () => {
    const { opener, requests } = open();
    fireEvent.keyDown(screen.getByLabelText('Motif de la révocation'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(screen.getByText('Le reste de la page').closest('[inert]')).toBeNull();

    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(requests).toHaveLength(0);
  });

  it('revokes with the reason, then closes and gives the focus back', async () => {
    const { onRevoked, opener, requests } = open();
    fireEvent.change(screen.getByLabelText('Motif de la révocation'), {
      target: { value: '  Délivré par erreur de saisie.  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Révoquer le badge' }));
    await waitFor(() => expect(onRevoked).toHaveBeenCalledTimes(1));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.query).toContain('revokeBadge(');
    expect(requests[0]?.variables).toEqual({
      awardId: AWARD.id,
      reason: 'Délivré par erreur de saisie.',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('revokes a flagged award as the decision on its flag', async () => {
    const { onRevoked, requests } = open(true);
    fireEvent.change(screen.getByLabelText('Motif de la révocation'), {
      target: { value: 'La compétence n’était pas acquise.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Révoquer le badge' }));
    await waitFor(() => expect(onRevoked).toHaveBeenCalledTimes(1));
    expect(requests[0]?.query).toContain('resolveAwardFlag(');
    expect(requests[0]?.variables).toEqual({
      awardId: AWARD.id,
      comment: 'La compétence n’était pas acquise.',
      decision: 'REVOKE',
    });
  });

  it('shows the server’s refusal in the dialog and stays open', async () => {
    const { onRevoked } = open(false, () => ({
      revokeBadge: {
        __typename: 'UnknownAward',
        code: 'unknown-award',
        message: { fr: 'Aucun badge décerné n’a cet identifiant.', en: 'No award has this id.' },
      },
    }));
    fireEvent.change(screen.getByLabelText('Motif de la révocation'), {
      target: { value: 'Erreur.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Révoquer le badge' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Aucun badge décerné n’a cet identifiant.');
    expect(screen.getByRole('dialog').contains(alert)).toBe(true);
    expect(onRevoked).not.toHaveBeenCalled();
    expect(
      (screen.getByRole('button', { name: 'Révoquer le badge' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });
});
