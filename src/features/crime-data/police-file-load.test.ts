import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KindCopyBuilder } from './police-file-load.ts';
import { outcomesFiles } from './police-outcomes-load.ts';
import { OUTCOMES_HEADER } from './police-outcomes-format.ts';
import { stopSearchFiles } from './police-stop-search-load.ts';

const ID = 'fcf509def400c9474693980b730d6397dd474136756b8ab6c59c501e4b5c2a39';
const outcome = (type: string, lsoa = 'E01024320', month = '2018-10') =>
  `${ID},${month},Kent Police,Kent Police,0.483532,51.279169,"On or near ""The Parade""\\ Maidstone",${lsoa},Maidstone 003A,${type}`;

describe('turning outcomes and stop-and-search lines into COPY text', () => {
  test('rows become COPY lines with their line numbers; counts add up by LSOA and outcome type', () => {
    const b = new KindCopyBuilder(outcomesFiles, 7, '2018-10', 'kent');
    b.add(2, outcome('Suspect charged'));
    b.add(3, '');
    b.add(4, outcome('suspect charged'));
    b.add(5, outcome('Suspect charged', 'E01024321'));
    b.add(6, outcome('Suspect charged', 'E01024321', '2018-09'));
    b.add(7, OUTCOMES_HEADER.slice(0, 3).join(','));
    assert.deepEqual([b.rows, b.accepted, b.rejected], [5, 3, 2]);
    const rows = b.takeRows().split('\n').filter(Boolean);
    assert.equal(rows.length, 3);
    assert.equal(
      rows[0],
      `7\t2\t2018-10-01\tkent\t${ID}\tKent Police\tKent Police\t0.483532\t51.279169\t` +
        'On or near "The Parade"\\\\ Maidstone\tE01024320\tMaidstone 003A\tSuspect charged',
    );
    assert.equal(b.takeRows(), '', 'taken once');
    assert.deepEqual(b.countRows().split('\n').filter(Boolean).sort(), [
      '7\t2018-10-01\tkent\tE01024320\tSuspect charged\t2',
      '7\t2018-10-01\tkent\tE01024321\tSuspect charged\t1',
    ]);
    assert.deepEqual(
      b.firstRejections.map((r) => [r.line, r.reason]),
      [
        [6, "month 2018-09 does not match the file's month 2018-10"],
        [7, 'wrong number of columns: 3, expected 10'],
      ],
    );
    assert.equal(
      b.takeRejections(3, 'a.csv'),
      "3\ta.csv\t6\tmonth 2018-09 does not match the file's month 2018-10\t" +
        `${outcome('Suspect charged', 'E01024321', '2018-09').replaceAll('\\', '\\\\')}\n` +
        '3\ta.csv\t7\twrong number of columns: 3, expected 10\tCrime ID,Month,Reported by\n',
    );
  });

  test('searches: flags as t and f, blanks as null; a rejected line is not kept', () => {
    const b = new KindCopyBuilder(stopSearchFiles, 2, '2018-10', 'kent');
    b.add(2, 'Vehicle search,2018-10-05T02:10:00+01:00,True,Op,,,,,,,,Stolen goods,Arrest,,');
    b.add(3, 'Person search,2018-10-05T02:10:00+01:00,False,,51.2,0.5,Unknown,,,,,,,,');
    assert.equal(
      b.takeRows(),
      '2\t2\t2018-10-01\tkent\tVehicle search\t2018-10-05T02:10:00+01:00\tt\tOp\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tStolen ' +
        'goods\tArrest\t\\N\t\\N\n',
    );
    assert.equal(b.countRows(), '2\t2018-10-01\tkent\t\\N\t\\N\tStolen goods\tArrest\t\t1\n');
    assert.equal(b.firstRejections[0]!.raw, '');
    assert.equal(
      b.takeRejections(1, 's.csv'),
      "1\ts.csv\t3\tgender is not one of police.uk's published categories (Male, Female, Other)\t\\N\n",
    );
  });
});
