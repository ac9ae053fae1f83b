// WCAG contrast arithmetic for the theme: the light variants' text is the palette's darkest shade, darkened
// further until it reads at AA (4.5:1) on the tint it sits on.
function channel(value: number): number {
  const v = value / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function darken(hex: string, factor: number): string {
  return "#" + rgb(hex).map((v) => Math.round(v * factor).toString(16).padStart(2, "0")).join("");
}

/** `text`, darkened in steps until it reaches `ratio` against every one of `backgrounds`. */
export function readableOn(text: string, backgrounds: string[], ratio = 4.5): string {
  let candidate = text;
  for (let factor = 1; factor > 0; factor -= 0.05) {
    candidate = darken(text, factor);
    if (backgrounds.every((background) => contrast(candidate, background) >= ratio)) return candidate;
  }
  return "#000000";
}
