"""Every write of the reporting app goes through these modules: `agreements` (versions,
signing, freezing, amendments), `memos` (the decision memo), `documents` (rendering) and
`opendata` (the stored open data)."""
