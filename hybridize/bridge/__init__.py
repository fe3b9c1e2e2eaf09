"""Stage 2, bridge: the JVM (``jvm``), our Python front end for WALA (the AST serialiser
``serialize`` and the call-graph API ``wala``, with the facts it returns, ``records``, and
the value kinds they name, ``value_kinds``) and the collector pause around heavy allocation (``gc_pause``)."""
