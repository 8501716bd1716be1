import type { TrendStep } from "@/lib/analysis/trendGrowth";
import { formatTime } from "@/components/format";
import { stepText } from "./growthText";

/** Above this many steps, the rest are counted, not listed (50 hosts added at once is one event). */
const LISTED = 5;

/** Hosts added, removed or answering as another engine: steps in the totals, labelled, never growth. */
export function StepList({ steps }: { steps: TrendStep[] }) {
  if (steps.length === 0) return null;
  const rest = steps.length - LISTED;
  return (
    <div className="steps" aria-label="Steps, not growth">
      <span className="meta">Steps, not growth:</span>
      <ul>
        {steps.slice(0, LISTED).map((step) => (
          <li key={`${step.hostId}-${step.at}-${step.kind}`} data-kind={step.kind}>
            {stepText(step)} <span className="meta">at {formatTime(step.at)}</span>
          </li>
        ))}
        {rest > 0 && <li className="meta">and {rest} more</li>}
      </ul>
    </div>
  );
}
