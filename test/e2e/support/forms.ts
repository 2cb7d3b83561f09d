import type { Page } from 'playwright-core';

/** A page object for a form that is filled with `V` and submitted. */
interface FormPage<V> {
  checkAccessibility(): Promise<void>;
  fill(values: V): Promise<void>;
  submit(): Promise<void>;
}

/** A form's page-object class: finds the form on the page, or the form shown again with errors. */
interface FormPageClass<V> {
  verifyOnPage(page: Page): Promise<FormPage<V>>;
  verifyErrors(page: Page, messages: readonly string[]): Promise<FormPage<V>>;
}

/**
 * On the form just opened (axe checked): submits it as first filled (empty when `firstTry` is not
 * given), which must be refused with exactly `errors` (axe checked again), then fills in `values`
 * and submits it.
 */
export async function refusedThenSubmitted<V>(
  page: Page,
  Form: FormPageClass<V>,
  attempt: { firstTry?: V; errors: readonly string[]; values: V },
): Promise<void> {
  const form = await Form.verifyOnPage(page);
  await form.checkAccessibility();
  if (attempt.firstTry) await form.fill(attempt.firstTry);
  await form.submit();
  const withErrors = await Form.verifyErrors(page, attempt.errors);
  await withErrors.checkAccessibility();
  await withErrors.fill(attempt.values);
  await withErrors.submit();
}
