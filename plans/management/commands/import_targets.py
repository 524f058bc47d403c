"""`manage.py import_targets FILE...`: headline targets entered from published sources.

For the years and levels no stored document covers (data/targets/*.csv): the columns of
``import_actuals`` plus comparator and qualifier (words of data/lexicon.yaml),
value_max, document_kind
(work_report or plan) and a short quote. Pages mark these rows "entered from a published
source". A file with any bad row changes nothing.
"""

from plans.management.commands import import_actuals
from plans.pipeline import types as pt


class Command(import_actuals.Command):
    help = (
        "Import headline targets entered from published sources (CSV or XLSX). A file "
        "with a bad row changes nothing."
    )
    kind = pt.TARGET
