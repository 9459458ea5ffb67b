/**
 * The people list of the admin area: each person with their roles in words, their card's code
 * and whether the account is disabled; the search (name, email or code), role and "disabled
 * too" filters go into the address and the request; "more" reads the next page by its cursor
 * and moves the keyboard to the first person added; a refusal is said in plain words.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Route, Switch } from 'wouter';
import {
  PEOPLE_PAGE_SIZE,
  PeoplePage,
} from '../../../client/src/pages/admin/people/people-page.tsx';
import type { PersonAccount } from '../../../client/src/pages/admin/people/people-queries.ts';
import { type GraphqlCall, renderAdmin } from './admin-test-app.tsx';

function person(
  id: string,
  displayName: string,
  extra: Partial<PersonAccount> = {},
): PersonAccount {
  return {
    id,
    displayName,
    email: null,
    learnerCode: null,
    roles: ['LEARNER'],
    disabled: false,
    disabledAt: null,
    disabledReason: null,
    isMinor: false,
    locale: 'fr',
    createdAt: '2026-01-10T09:00:00.000Z',
    groups: [],
    ...extra,
  };
}

const JEANNINE = person('p-jeannine', 'Jeannine Dubois', { learnerCode: 'K7M4QX' });
const KARIM = person('p-karim', 'Karim Benali', {
  roles: ['TRAINER', 'ADMIN'],
  email: 'karim.benali@grange.example',
});
const MICHEL = person('p-michel', 'Michel Lambert', {
  learnerCode: 'H3P9TW',
  disabled: true,
  disabledAt: '2026-05-02T10:00:00.000Z',
  disabledReason: 'Parti de la région.',
});
const SANDRINE = person('p-sandrine', 'Sandrine Morel', { email: 'sandrine.morel@grange.example' });

function page(nodes: PersonAccount[], next: string | null, totalCount: number) {
  return {
    people: {
      __typename: 'PeoplePage',
      totalCount,
      endCursor: nodes.length === 0 ? null : `cursor-${nodes.at(-1)?.id}`,
      hasNextPage: next !== null,
      nodes,
    },
  };
}

/** Two pages: Jeannine, Karim and Michel, then Sandrine. */
function twoPages(call: GraphqlCall) {
  if (call.variables.after === 'cursor-p-michel') return page([SANDRINE], null, 4);
  return page([JEANNINE, KARIM, MICHEL], 'more', 4);
}

function renderList(path: string, answer: (call: GraphqlCall) => unknown = twoPages) {
  return renderAdmin(
    <Switch>
      <Route path="/admin/personnes">
        <PeoplePage />
      </Route>
    </Switch>,
    answer,
    path,
  );
}

describe('the people list', () => {
  it('shows each person with their roles in words, their code and a disabled account', async () => {
    const { requests } = renderList('/admin/personnes');
    expect((await screen.findByText('4 personnes')).getAttribute('role')).toBe('status');
    const list = screen.getByRole('list', { name: 'Résultats' });
    const items = within(list).getAllByRole('listitem', { hidden: false });
    const people = items.filter((item) => item.parentElement === list);
    expect(people.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Jeannine Dubois',
      'Karim Benali',
      'Michel Lambert',
    ]);
    const [jeannine, karim, michel] = people;
    expect(within(jeannine as HTMLElement).getByText('Apprenant·e')).toBeTruthy();
    expect(within(jeannine as HTMLElement).getByText('Code : K7M4QX')).toBeTruthy();
    expect(within(karim as HTMLElement).getByText('Animateur·rice')).toBeTruthy();
    expect(within(karim as HTMLElement).getByText('Administrateur·rice')).toBeTruthy();
    expect(within(karim as HTMLElement).getByText('karim.benali@grange.example')).toBeTruthy();
    expect(within(karim as HTMLElement).queryByText('Compte désactivé')).toBeNull();
    expect(within(michel as HTMLElement).getByText('Compte désactivé')).toBeTruthy();
    // Each name opens the person's page, which finds them by name first.
    expect(screen.getByRole('link', { name: 'Jeannine Dubois' }).getAttribute('href')).toBe(
      '/admin/personnes/p-jeannine?nom=Jeannine%20Dubois',
    );
    expect(requests[0]?.variables).toEqual({
      first: PEOPLE_PAGE_SIZE,
      after: null,
      filter: { includeDisabled: false },
    });
  });

  it('searches by name, role and disabled accounts, through the address', async () => {
    const { location, requests } = renderList('/admin/personnes');
    await screen.findByText('Jeannine Dubois');
    fireEvent.change(screen.getByLabelText('Nom, adresse e-mail ou code'), {
      target: { value: ' elodie ' },
    });
    fireEvent.change(screen.getByLabelText('Rôle'), { target: { value: 'TRAINER' } });
    fireEvent.click(screen.getByLabelText('Montrer aussi les comptes désactivés'));
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    await waitFor(() =>
      expect(location.history.at(-1)).toBe(
        '/admin/personnes?recherche=elodie&role=TRAINER&desactives=1',
      ),
    );
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.variables).toEqual({
      first: PEOPLE_PAGE_SIZE,
      after: null,
      filter: { search: 'elodie', role: 'TRAINER', includeDisabled: true },
    });
    // The form shows the search it made.
    expect((screen.getByLabelText('Nom, adresse e-mail ou code') as HTMLInputElement).value).toBe(
      'elodie',
    );
    expect((screen.getByLabelText('Rôle') as HTMLSelectElement).value).toBe('TRAINER');
  });

  it('reads the next page by its cursor and moves the focus to the first person added', async () => {
    const { requests } = renderList('/admin/personnes?recherche=e');
    await screen.findByText('Michel Lambert');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus de personnes' }));
    const sandrine = await screen.findByRole('link', { name: 'Sandrine Morel' });
    await waitFor(() => expect(document.activeElement).toBe(sandrine));
    expect(requests[1]?.variables).toEqual({
      first: PEOPLE_PAGE_SIZE,
      after: 'cursor-p-michel',
      filter: { search: 'e', includeDisabled: false },
    });
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(4);
    // The last page: no more button.
    expect(screen.queryByRole('button', { name: 'Afficher plus de personnes' })).toBeNull();
  });

  it('says when nobody matches', async () => {
    renderList('/admin/personnes?recherche=zzz', () => page([], null, 0));
    expect(await screen.findByText('Personne ne correspond à cette recherche.')).toBeTruthy();
    expect(screen.getByText('0 personne')).toBeTruthy();
  });

  it('says the server’s refusal in plain words', async () => {
    renderList('/admin/personnes', () => ({
      people: {
        __typename: 'Forbidden',
        code: 'forbidden',
        message: { fr: 'Réservé aux administrateurs.', en: 'Administrators only.' },
      },
    }));
    expect((await screen.findByRole('alert')).textContent).toBe('Réservé aux administrateurs.');
  });
});
