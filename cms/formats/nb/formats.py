"""Norwegian dates with the clock as Norwegians write it: "2. desember 2026 kl. 16:29"."""

DATETIME_FORMAT = r"j. F Y \k\l. H:i"
