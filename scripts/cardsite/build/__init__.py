"""The steps in order (pipeline), the command line (cli), and what `mkdocs
serve` keeps between rebuilds (buildstate, reuse). May import every layer."""
