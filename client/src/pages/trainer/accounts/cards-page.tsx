/**
 * The QR cards of the accounts created in this visit, ready to print on A4 (eight cards a
 * sheet, cut along the dotted lines). Each card carries the learner's first name, their code
 * and the QR code of the sign-in page with the code filled in.
 *
 * The PIN is not printed. A card is easily lost, and with the code and the PIN anyone could
 * sign in as a child or a senior and read their progress; with the card alone, nobody can.
 * The trainer gives the PIN apart (said aloud, or written for a parent), shown once when the
 * account is created. A found card says where to bring it back.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths } from '../../../app/paths.ts';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TrainerOnly } from '../trainer-only.tsx';
import {
  clearCards,
  type LearnerCard,
  removeCard,
  sheetsOf,
  signInUrl,
  useLearnerCards,
} from './learner-cards.ts';

const QrCode = lazy(() => import('../../badges/qr-code.tsx'));

function Card({ card }: { card: LearnerCard }) {
  const { t } = useTranslation();
  const url = signInUrl(window.location.origin, card.learnerCode);
  return (
    <article
      className="learner-card"
      aria-label={t('trainer.cards.cardOf', { name: card.firstName })}
    >
      <p className="learner-card-brand">{t('trainer.cards.brand')}</p>
      <p className="learner-card-name">{card.firstName}</p>
      <div className="learner-card-body">
        <Suspense fallback={<Loading />}>
          <QrCode text={url} label={t('trainer.cards.qrLabel', { name: card.firstName })} />
        </Suspense>
        <div>
          <p>{t('trainer.cards.yourCode')}</p>
          <p className="learner-card-code">{card.learnerCode}</p>
        </div>
      </div>
      <p className="learner-card-how">
        {t('trainer.cards.how', { site: `${window.location.host}${paths.signIn}` })}
      </p>
      <p className="learner-card-pin">{t('trainer.cards.pinApart')}</p>
      <p className="learner-card-found">{t('trainer.cards.found')}</p>
    </article>
  );
}

export function CardsPage() {
  const { t } = useTranslation();
  const cards = useLearnerCards();
  return (
    <TrainerOnly>
      <div className="no-print">
        <p className="breadcrumb">
          <Link href={paths.trainer.newLearner}>
            <span aria-hidden="true">← </span>
            {t('trainer.cards.back')}
          </Link>
        </p>
        <PageHeading title={t('trainer.cards.title')} />
        {cards.length === 0 ? (
          <p>{t('trainer.cards.none')}</p>
        ) : (
          <>
            <p>{t('trainer.cards.intro', { count: cards.length })}</p>
            <p>{t('trainer.cards.whyNoPin')}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => window.print()}>
                {t('trainer.cards.print')}
              </button>
              <button type="button" onClick={clearCards}>
                {t('trainer.cards.clear')}
              </button>
            </div>
            <ul className="cards-to-print">
              {cards.map((card) => (
                <li key={card.personId}>
                  {card.firstName} — {card.learnerCode}{' '}
                  <button type="button" onClick={() => removeCard(card.personId)}>
                    {t('trainer.cards.remove')}{' '}
                    <span className="visually-hidden">— {card.firstName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {sheetsOf(cards).map((sheet) => (
        <section
          className="card-sheet"
          key={sheet[0]?.personId}
          aria-label={t('trainer.cards.sheet')}
        >
          {sheet.map((card) => (
            <Card key={card.personId} card={card} />
          ))}
        </section>
      ))}
    </TrainerOnly>
  );
}
