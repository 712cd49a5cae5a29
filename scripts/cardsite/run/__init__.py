"""Running the conversion: the steps in order (pipeline), the command line
(cli), the MkDocs plugin (plugin), and what `mkdocs serve` keeps between
rebuilds (buildstate, reuse). May import every layer. (Not named build/: tools
take a folder of that name for generated output and pass over it.)"""
