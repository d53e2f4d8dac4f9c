# Writes the .xlsx fixtures in this folder with openpyxl, a writer other
# than excelize, so the tests read a workbook as another tool lays it out
# (real date cells with openpyxl's default number format, a title row, a
# summary sheet before the data). Synthetic names only.
#
#   python3 testdata/make_xlsx.py   (needs python3-openpyxl)
import datetime as dt
import os

from openpyxl import Workbook

here = os.path.dirname(os.path.abspath(__file__))

wb = Workbook()
summary = wb.active
summary.title = "Summary"
summary.append(["Review export for acme", None])
summary.append(["Generated", dt.datetime(2026, 5, 8, 7, 0, 0)])
ws = wb.create_sheet("reviews")
ws.append(["Acme review export (May 2026)"])
ws.append([])
ws.append(["Repository", "PR Number", "PR Title", "PR Author", "PR Created At", "PR Merged At",
           "Reviewer", "Review State", "Review Submitted At", "Review Comments"])
ws.append(["acme/api", 4312, "Fix retry budget", "aokafor", dt.datetime(2026, 5, 4, 9, 12, 0),
           dt.datetime(2026, 5, 5, 16, 40, 0), "jkim", "APPROVED", dt.datetime(2026, 5, 4, 13, 2, 11), 3])
ws.append(["acme/api", 4312, "Fix retry budget", "aokafor", dt.datetime(2026, 5, 4, 9, 12, 0),
           dt.datetime(2026, 5, 5, 16, 40, 0), "dependabot[bot]", "COMMENTED", dt.datetime(2026, 5, 4, 9, 30, 0), 0])
ws.append(["acme/web", 88, "Dark mode", "mtanaka", "2026-05-06T10:00:00Z", None,
           "aokafor", "CHANGES_REQUESTED", "2026-05-06T15:45:00+02:00", None])
ws.append(["acme/web", 89, "Self merge", "mtanaka", None, None, "MTanaka", "APPROVED",
           dt.datetime(2026, 5, 7, 8, 0, 0), 1])
ws.append(["acme/web", 90, "No date", "opatel", None, None, "jkim", "COMMENTED", "n/a", 2])
wb.save(os.path.join(here, "reviews", "openpyxl.xlsx"))

wb = Workbook()
ws = wb.active
ws.title = "People"
ws.append(["Employee Name", "Work Email", "GitHub Username", "Slack Member ID", "Business Title",
           "Job Level", "Team", "Department", "Manager Email"])
ws.append(["Ada Okafor", "Ada.Okafor@Example.com", "aokafor", "U01ABCDEF", "Staff Software Engineer",
           "L6", "Payments-Core", "Payments", "Lina.Rossi@example.com"])
ws.append(["Jun Kim", " jun.kim@example.com ", "jkim", "U02XYZ", "Software Engineer",
           "L4", "Payments-Core", "Payments", "ada.okafor@example.com"])
ws.append([None] * 9)
ws.append(["Lina Rossi", "lina.rossi@example.com", None, None, "Engineering Manager",
           "M2", "Payments-Core", "Payments", "Omar Patel"])
wb.save(os.path.join(here, "roster", "openpyxl.xlsx"))
