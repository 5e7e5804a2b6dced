"""Canvases and answers to and from the formats of other tools: spreadsheets (an XLSX workbook a
trainer edits), XLSForm (ODK, KoboToolbox), LimeSurvey's tab-separated survey structure, and the
response exports of those platforms. One module per format; at the level of `storage`.
"""
