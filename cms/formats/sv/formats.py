"""Swedish dates with the clock as Swedes write it: "2 december 2026 kl. 16:29"."""

DATETIME_FORMAT = r"j F Y \k\l. H:i"
