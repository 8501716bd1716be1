import type { FillForecast } from "@/lib/analysis/fillForecast";
import { formatBytes, formatTime } from "@/components/format";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });

/** The fill forecast in words, with the window it used (the rule itself is lib/analysis/fillForecast.ts). */
export function fillText(forecast: FillForecast): string {
  const window = `${day(forecast.window.from)} – ${day(forecast.window.to)}`;
  switch (forecast.status) {
    case "fills":
      return `Full around ${formatTime(forecast.fillDate)} at +${formatBytes(Math.round(forecast.growthBytesPerDay))}/day (growth over ${window})`;
    case "not_filling":
      return `Not filling: used bytes ${forecast.growthBytesPerDay < 0 ? "shrank" : "stayed flat"} over ${window}`;
    case "not_enough_history":
      return "Not enough history for a fill date yet (needs an hour of polls)";
  }
}

export function fillShort(forecast: FillForecast): string {
  if (forecast.status === "fills") return formatTime(forecast.fillDate);
  return forecast.status === "not_filling" ? "not filling" : "not enough history";
}
