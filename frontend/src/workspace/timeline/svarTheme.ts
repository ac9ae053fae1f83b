// SVAR's full stylesheet without its @font-face rules: they load fonts from cdn.svar.dev, which fails offline
// (a console error). The chart uses the app's font instead (see GanttChart.module.css).
import allCss from "@svar-ui/react-gantt/all.css?raw";

let injected = false;

export function injectSvarCss(): void {
  if (injected || typeof document === "undefined") return;
  injected = true;
  const style = document.createElement("style");
  style.dataset.source = "svar-gantt";
  style.textContent = allCss.replace(/@font-face\s*\{[^}]*\}/g, "");
  document.head.appendChild(style);
}
