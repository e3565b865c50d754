"""The PySide6 window. The only package that imports Qt.

Imports inside functions here are for start-up time: a page's module is imported when the page
is first shown (app/ui/pages PAGES), a dialog's when it is first opened, the PDF and
spreadsheet writers when something is printed or saved — so the first window paints without
waiting for what it does not show.
"""
