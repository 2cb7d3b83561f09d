// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// GOV.UK Frontend marks radios that reveal content with aria-expanded, which ARIA does not allow on
// a radio (axe: aria-allowed-attr; alphagov/govuk-frontend#979). aria-controls stays, and the
// revealed content follows its radio in the reading order, so nothing is lost by dropping it.
const dropExpandedFromRadios = () => {
  for (const radio of document.querySelectorAll('input[type="radio"][aria-expanded]')) radio.removeAttribute('aria-expanded');
};
dropExpandedFromRadios();
new MutationObserver(dropExpandedFromRadios).observe(document.body, {
  subtree: true,
  attributes: true,
  attributeFilter: ['aria-expanded'],
});
