"""Publishing: the gate that decides which editions may go online, the localized edition of an
article (``edition``), the record of what is published (``register``), the run that writes and
withdraws pages (``publishing``) and the renderers of each output format (``render``)."""
