"""What every layer uses and that knows nothing of cards or markup: the site's
URLs and slugs, npm packages, memo tables. Imports nothing of cardsite."""
