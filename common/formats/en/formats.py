# One date style in the pages: the numeric form Swedish authorities write (2017-05-01), with the
# time as 24-hour clock. Documents that want a long date ("1 maj 2017") say so in their template.
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
