"""Stage 2, bridge: the JVM (``jvm``), our Python front end for WALA (the AST serialiser
``serialize`` and the call-graph API ``wala``, with the value kinds it reports,
``value_kinds``) and the collector pause around heavy allocation (``gc_pause``)."""
