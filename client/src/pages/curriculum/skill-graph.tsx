/**
 * The skill graph as an interactive drawing: one box per skill (title, status in words and
 * symbol, level), arrows from each prerequisite to the skills that need it. Every box is a link
 * (Tab reaches it, Enter opens the skill); its accessible name carries the status and the
 * prerequisites too. Pan by dragging (mouse or finger), zoom with the wheel, two fingers or
 * the buttons; a focused box outside the view is brought into it.
 */
import {
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths } from '../../app/paths.ts';
import { STATUS_SYMBOL } from '../../components/skill-status.ts';
import { DEFAULT_LAYOUT, layoutSkillGraph, type Point } from './graph-layout.ts';
import type { SkillView } from './skill-view.ts';

const MIN_SCALE = 0.3;
const MAX_SCALE = 2.5;
const ZOOM_STEP = 1.25;
/** A drag shorter than this is a tap (it opens the skill). */
const TAP_SLOP = 6;

interface View {
  scale: number;
  x: number;
  y: number;
}

/** Splits a title into at most two lines of about `width` characters. */
export function wrapTitle(title: string, width = 19): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/)) {
    if (line === '' || `${line} ${word}`.length <= width) {
      line = line === '' ? word : `${line} ${word}`;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= 2) return lines;
  const second = lines.slice(1).join(' ');
  return [lines[0] as string, `${second.slice(0, width - 1).trimEnd()}…`];
}

function edgePath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let d = `M${first.x},${first.y}`;
  let previous = first;
  for (const point of rest) {
    const bend = (point.y - previous.y) / 2;
    d += ` C${previous.x},${previous.y + bend} ${point.x},${point.y - bend} ${point.x},${point.y}`;
    previous = point;
  }
  return d;
}

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function SkillGraph({ skills, label }: { skills: readonly SkillView[]; label: string }) {
  const { t } = useTranslation();
  const layout = useMemo(
    () =>
      layoutSkillGraph(
        skills.map((s) => ({ id: s.id, prerequisiteIds: s.prerequisites.map((p) => p.id) })),
      ),
    [skills],
  );
  const viewport = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 360, height: 480 });
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  /** A focused box to scroll into the page's view once the pan is drawn. */
  const reveal = useRef<Element | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each pan.
  useLayoutEffect(() => {
    // Optional call: jsdom's SVG elements have no scrollIntoView.
    reveal.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    reveal.current = null;
  }, [view]);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<{ moved: number; pinch: number | null }>({ moved: 0, pinch: null });

  const home = (width: number): View => ({ scale: 1, x: (width - layout.width) / 2, y: 0 });

  // The viewport's size: the drawing starts centred, and zoom buttons zoom around the centre.
  const contentWidth = layout.width;
  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    const measure = () => {
      const width = element.clientWidth || 360;
      setSize({ width, height: element.clientHeight || 480 });
      return width;
    };
    setView({ scale: 1, x: (measure() - contentWidth) / 2, y: 0 });
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => observer.disconnect();
  }, [contentWidth]);

  // The wheel zooms around the pointer; React's wheel listener is passive, so it is added here.
  useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      zoomAround(
        { x: event.clientX - box.left, y: event.clientY - box.top },
        event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP,
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  function zoomAround(centre: Point, factor: number) {
    setView((v) => {
      const scale = clampScale(v.scale * factor);
      const ratio = scale / v.scale;
      return {
        scale,
        x: centre.x - (centre.x - v.x) * ratio,
        y: centre.y - (centre.y - v.y) * ratio,
      };
    });
  }

  function onPointerDown(event: ReactPointerEvent) {
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 1) gesture.current = { moved: 0, pinch: null };
  }

  function onPointerMove(event: ReactPointerEvent) {
    const before = pointers.current.get(event.pointerId);
    if (before === undefined) return;
    const now = { x: event.clientX, y: event.clientY };
    if (pointers.current.size === 1) {
      const dx = now.x - before.x;
      const dy = now.y - before.y;
      gesture.current.moved += Math.abs(dx) + Math.abs(dy);
      if (gesture.current.moved > TAP_SLOP) {
        (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
        setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
      }
    } else if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const other = a === before ? b : a;
      const distance = Math.hypot(now.x - other.x, now.y - other.y);
      const previous = gesture.current.pinch ?? Math.hypot(before.x - other.x, before.y - other.y);
      gesture.current = { moved: gesture.current.moved + TAP_SLOP, pinch: distance };
      const box = viewport.current?.getBoundingClientRect();
      if (previous > 0 && box !== undefined) {
        zoomAround(
          { x: (now.x + other.x) / 2 - box.left, y: (now.y + other.y) / 2 - box.top },
          distance / previous,
        );
      }
    }
    pointers.current.set(event.pointerId, now);
  }

  function onPointerUp(event: ReactPointerEvent) {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size < 2) gesture.current.pinch = null;
  }

  // After a drag, the click that ends it must not open a skill.
  function onClickCapture(event: ReactMouseEvent) {
    if (gesture.current.moved > TAP_SLOP) {
      event.preventDefault();
      event.stopPropagation();
      gesture.current.moved = 0;
    }
  }

  /**
   * Pans so that the focused box is inside the drawing, then scrolls the page so that the box
   * is on screen (the browser scrolled for where the box was before the pan).
   */
  function bringIntoView(x: number, y: number, box: Element) {
    // The browser scrolls the viewport itself to show a focused box, although it pans by
    // transform only (overflow: hidden still scrolls for focus): undo that, or the box is
    // moved twice and ends up outside the view.
    const element = viewport.current;
    if (element !== null) {
      element.scrollLeft = 0;
      element.scrollTop = 0;
    }
    const left = view.x + x * view.scale;
    const top = view.y + y * view.scale;
    const right = left + DEFAULT_LAYOUT.nodeWidth * view.scale;
    const bottom = top + DEFAULT_LAYOUT.nodeHeight * view.scale;
    if (left >= 0 && top >= 0 && right <= size.width && bottom <= size.height) return;
    reveal.current = box;
    setView({
      ...view,
      x: size.width / 2 - (x + DEFAULT_LAYOUT.nodeWidth / 2) * view.scale,
      y: size.height / 2 - (y + DEFAULT_LAYOUT.nodeHeight / 2) * view.scale,
    });
  }

  const byId = new Map(skills.map((s) => [s.id, s]));
  const centre = { x: size.width / 2, y: size.height / 2 };
  return (
    <div className="graph">
      <div className="graph-toolbar">
        <button type="button" onClick={() => zoomAround(centre, ZOOM_STEP)}>
          <span aria-hidden="true">+</span>
          {'\u00a0'}
          {t('graph.zoomIn')}
        </button>
        <button type="button" onClick={() => zoomAround(centre, 1 / ZOOM_STEP)}>
          <span aria-hidden="true">−</span>
          {'\u00a0'}
          {t('graph.zoomOut')}
        </button>
        <button type="button" onClick={() => setView(home(size.width))}>
          {t('graph.reset')}
        </button>
      </div>
      <div
        className="graph-viewport"
        ref={viewport}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClickCapture={onClickCapture}
        onScroll={(event) => {
          // Panning is by transform; a scroll here is the browser's, for a focused box.
          event.currentTarget.scrollLeft = 0;
          event.currentTarget.scrollTop = 0;
        }}
      >
        {/* biome-ignore lint/a11y/useSemanticElements: a drawing cannot be a <fieldset>; the group names it for screen readers. */}
        <svg className="graph-svg" role="group" aria-label={label} width="100%" height="100%">
          <defs>
            <marker
              id="graph-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="graph-arrow-head" />
            </marker>
          </defs>
          <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
            {/* Unnamed shapes: screen readers skip them; each box says its prerequisites in words. */}
            <g className="graph-edges">
              {layout.edges.map((edge) => (
                <path
                  key={`${edge.from}→${edge.to}`}
                  className="graph-edge"
                  data-from={edge.from}
                  data-to={edge.to}
                  d={edgePath(edge.points)}
                  markerEnd="url(#graph-arrow)"
                />
              ))}
            </g>
            <g className="graph-nodes">
              {layout.nodes.map((node) => {
                const skill = byId.get(node.id);
                if (skill === undefined) return null;
                const statusText = t(`status.${skill.status}`);
                const levelText =
                  skill.level === null
                    ? ''
                    : t('skill.levelOf', { level: skill.level, total: skill.levels.length });
                const needs =
                  skill.prerequisites.length === 0
                    ? t('skill.noPrerequisites')
                    : t('skill.prerequisitesList', {
                        list: skill.prerequisites.map((p) => p.title).join(', '),
                      });
                const lines = wrapTitle(skill.title);
                return (
                  <Link
                    key={node.id}
                    href={paths.skill(node.id)}
                    className={`graph-node status-${skill.status.toLowerCase()}`}
                    data-skill-id={node.id}
                    onFocus={(event) => bringIntoView(node.x, node.y, event.currentTarget)}
                  >
                    {/* The link's name (the whole title, the status and level in words) and its
                        description (the prerequisites, which the arrows only draw). */}
                    <title>{`${skill.title} — ${statusText}${levelText === '' ? '' : `, ${levelText}`}`}</title>
                    <desc>{needs}</desc>
                    <rect
                      className="graph-node-box"
                      x={node.x}
                      y={node.y}
                      width={DEFAULT_LAYOUT.nodeWidth}
                      height={DEFAULT_LAYOUT.nodeHeight}
                      rx="8"
                    />
                    <text className="graph-node-title" x={node.x + 10} y={node.y + 22}>
                      {lines.map((line, i) => (
                        <tspan key={line} x={node.x + 10} dy={i === 0 ? 0 : 18}>
                          {line}
                        </tspan>
                      ))}
                    </text>
                    <text className="graph-node-status" x={node.x + 10} y={node.y + 64}>
                      {`${STATUS_SYMBOL[skill.status]} ${statusText}${skill.level === null ? '' : ` · ${t('skill.levelShort', { level: skill.level })}`}`}
                    </text>
                  </Link>
                );
              })}
            </g>
          </g>
        </svg>
      </div>
    </div>
  );
}
