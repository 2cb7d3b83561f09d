/**
 * Issue 3, acceptance 1: a coordinator creates a plan, a priority, an action plan for a sub-group
 * and an action led by a member; the member reports progress, which shows on the priority and in
 * their actions; the actions export as XLSX and the plan as DOCX.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { accessible } from './pages/base-page.ts';
import {
  ActionFormPage,
  ActionPage,
  ActionPlanFormPage,
  ActionPlanPage,
  ActionPlansPage,
  ActionsListPage,
} from './pages/action-plan-pages.ts';
import { PlanDocumentPage, PlanFormPage, PlanPage, PlansPage, PriorityFormPage, PriorityPage } from './pages/plan-pages.ts';
import { serviceNavigationLink } from './pages/record-page.ts';
import { signInAndFollow } from './pages/sign-in-flow.ts';
import { SignedOutPage } from './pages/signed-out-page.ts';
import { downloadFrom } from './support/downloads.ts';
import { DEMO_PARTNERSHIP, useSaferAndBrowser } from './support/fixture.ts';
import { refusedThenSubmitted } from './support/forms.ts';
import { unzip } from './support/zip.ts';

const JOURNEY_TIMEOUT_MS = 120_000;

const plan = {
  title: 'Safer Streets Plan',
  startsYear: '2026',
  endsYear: '2029',
  vision: 'A town centre where everyone feels safe after dark',
};
const priority = {
  title: 'Making the night-time economy safer',
  whyItMatters: 'Violence in the town centre peaks on Friday and Saturday nights.',
  objective: 'Fewer violent incidents in the town centre at night.',
  focus: '- Street marshals\n- Licensing checks',
  firstYear: 'Recruit street marshals for the busiest weekends.',
};
const actionPlan = { group: 'Community Youth Safety Group', year: 2026, title: 'Community Youth Safety Group action plan 2026-27' };
const action = {
  title: 'Train youth workers to spot exploitation in the night-time economy',
  description: 'Two training sessions for detached youth workers.',
  priority: priority.title,
  leadUser: 'Jordan Reeve',
  status: 'At risk',
  statusReason: 'The trainer has not been booked yet',
  due: { day: '31', month: '3', year: '2027' },
};

describe('a plan, its priority and an action, from creation to progress and exports', () => {
  const fixture = useSaferAndBrowser();

  test('the coordinator plans, the member reports progress, and the plan and actions download', { timeout: JOURNEY_TIMEOUT_MS }, () =>
    fixture.withPage(
      async (page, safer) => {
        // The coordinator creates the plan, first submitting the form empty.
        await signInAndFollow(page, safer.coordinator, DEMO_PARTNERSHIP, 'Plans');
        const plansPage = await accessible(PlansPage.verifyOnPage(page));
        await plansPage.createPlanButton.click();
        await refusedThenSubmitted(page, PlanFormPage, {
          errors: ['Enter the first year of the plan as 4 digits, like 2019', 'Enter the last year of the plan as 4 digits, like 2022'],
          values: plan,
        });
        const planPage = await accessible(PlanPage.verifyOnPage(page, plan.title));

        // A priority, again after an empty submission.
        await planPage.addPriorityButton.click();
        await refusedThenSubmitted(page, PriorityFormPage, { errors: ['Enter a title'], values: priority });
        await accessible(PriorityPage.verifyOnPage(page, priority.title));
        assert.match(await page.getByRole('main').innerText(), /No actions deliver this priority yet/);

        // An action plan for the Community Youth Safety Group (a sub-group) in 2026-27, which has none.
        await serviceNavigationLink(page, 'Action plans').click();
        const actionPlansPage = await accessible(ActionPlansPage.verifyOnPage(page));
        await actionPlansPage.addActionPlanButton.click();
        await refusedThenSubmitted(page, ActionPlanFormPage, {
          errors: ['Select a group', 'Select a year', 'Enter a title'],
          values: actionPlan,
        });
        const actionPlanPage = await accessible(ActionPlanPage.verifyOnPage(page, actionPlan.title));

        // An action led by the member, at risk: without a reason first, which the form refuses.
        await actionPlanPage.addActionButton.click();
        await refusedThenSubmitted(page, ActionFormPage, {
          firstTry: { ...action, statusReason: '' },
          errors: ['Say why the action is at risk'],
          values: action,
        });
        const coordinatorActionPage = await accessible(ActionPage.verifyOnPage(page, action.title));
        assert.match(await coordinatorActionPage.status.innerText(), /At risk/);
        assert.match(await coordinatorActionPage.summary.innerText(), /Jordan Reeve/);

        await coordinatorActionPage.signOut();
        await SignedOutPage.verifyOnPage(page);

        // The member finds the action in "My actions" and moves it from at risk to on track.
        await signInAndFollow(page, safer.demoUser('member'), DEMO_PARTNERSHIP, 'My actions');
        const myActions = await accessible(ActionsListPage.verifyOnPage(page, 'mine'));
        assert.match(await myActions.row(action.title).innerText(), /At risk/);
        await myActions.row(action.title).getByRole('link', { name: action.title, exact: true }).click();
        const memberActionPage = await accessible(ActionPage.verifyOnPage(page, action.title));
        await memberActionPage.postUpdate({ text: 'The trainer is booked for two sessions in January.', status: 'On track' });
        const updatedActionPage = await ActionPage.verifyOnPage(page, action.title);
        assert.match(await updatedActionPage.notification.innerText(), /Progress update posted/);
        assert.match(await updatedActionPage.status.innerText(), /On track/);
        assert.doesNotMatch(await updatedActionPage.status.innerText(), /At risk/);
        const latestUpdate = updatedActionPage.updates.locator('li').first();
        assert.match(await latestUpdate.innerText(), /Status changed from\s+At risk\s+to\s+On track/);
        assert.match(await latestUpdate.innerText(), /The trainer is booked for two sessions in January\./);
        assert.match(await latestUpdate.innerText(), /Jordan Reeve/);
        await updatedActionPage.checkAccessibility();

        // The priority's page shows the action on track.
        await serviceNavigationLink(page, 'Plans').click();
        const memberPlans = await PlansPage.verifyOnPage(page);
        await memberPlans.planLink(plan.title).click();
        const memberPlanPage = await PlanPage.verifyOnPage(page, plan.title);
        await memberPlanPage.priorityLink(priority.title).click();
        const memberPriorityPage = await PriorityPage.verifyOnPage(page, priority.title);
        const onPriority = await memberPriorityPage.action(action.title).innerText();
        assert.match(onPriority, /Community Youth Safety Group/);
        assert.match(onPriority, /led by Jordan Reeve/);
        assert.match(onPriority, /On track/);
        await memberPriorityPage.checkAccessibility();

        // "My actions" shows it on track, and exports as an XLSX file that holds it.
        await serviceNavigationLink(page, 'My actions').click();
        const myActionsAfter = await ActionsListPage.verifyOnPage(page, 'mine');
        assert.match(await myActionsAfter.row(action.title).innerText(), /On track/);
        const xlsx = await downloadFrom(page, myActionsAfter.xlsxLink);
        assert.match(xlsx.fileName, /\.xlsx$/);
        assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip archive');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
        const cells: string[] = [];
        workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
        assert.ok(cells.includes(action.title), `the spreadsheet lists the action; it holds: ${cells.slice(0, 40).join(' | ')}`);
        assert.ok(cells.includes('On track'), 'the spreadsheet gives its status');

        // The plan downloads as a Word document naming the priority.
        await serviceNavigationLink(page, 'Plans').click();
        await (await PlansPage.verifyOnPage(page)).planLink(plan.title).click();
        await (await PlanPage.verifyOnPage(page, plan.title)).documentLink.click();
        const documentPage = await accessible(PlanDocumentPage.verifyOnPage(page));
        const docx = await downloadFrom(page, documentPage.docxLink);
        assert.match(docx.fileName, /\.docx$/);
        assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a DOCX file is a zip archive');
        const documentXml = unzip(docx.bytes).get('word/document.xml');
        assert.ok(documentXml, 'the DOCX file has word/document.xml');
        const documentText = documentXml.toString('utf8').replace(/<[^>]+>/g, '');
        assert.ok(documentText.includes(priority.title), 'the document names the priority');
        assert.ok(documentText.includes(plan.title), 'the document names the plan');
      },
      { acceptDownloads: true },
    ),
  );
});
