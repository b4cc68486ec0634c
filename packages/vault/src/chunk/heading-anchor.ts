/**
 * The slug the in-app note viewer gives a heading, to scroll to it (`#pressure-and-top-up`): as
 * GitHub does it (github-slugger), lower-case, each space a `-`, punctuation dropped, letters and
 * digits of any script kept. Wikilinks keep their shown text (`[[Boiler|the boiler]]` → `the boiler`)
 * and Markdown emphasis marks go, so the slug matches the heading as it is displayed.
 * Duplicate headings are not numbered here (`-1`, `-2`): that needs the whole note.
 */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
