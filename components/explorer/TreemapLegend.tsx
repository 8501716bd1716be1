import { sharedColour } from "@/components/charts/LayerTreemap";

export function TreemapLegend() {
  return (
    <div className="legend" aria-label="Treemap legend">
      <span>
        <span className="swatch" style={{ background: sharedColour(0) }} />
        Unique: one image uses it
      </span>
      <span>
        <span className="swatch" style={{ background: sharedColour(0.5) }} />
        Partly shared
      </span>
      <span>
        <span className="swatch" style={{ background: sharedColour(1) }} />
        Shared: several images use it
      </span>
      <span>
        <span className="swatch" style={{ background: sharedColour(1), opacity: 0.55 }} />
        Smaller items folded together
      </span>
      <span>
        <span className="swatch" style={{ background: "#2b3645" }} />
        Frame: a repository or image
      </span>
    </div>
  );
}
