package org.hybridize.wala.cg;

import com.ibm.wala.cast.ipa.modref.AstModRef;
import com.ibm.wala.ipa.callgraph.propagation.InstanceKey;

/**
 * Mod-ref over Python IR. {@link AstModRef} already understands property writes ({@code
 * AstPropertyWrite}) and global writes ({@code AstGlobalWrite}, i.e. module variables). Class
 * attribute writes are modelled with {@link ClassAttributeKey}s; the side-effect analysis
 * extends this class to add them and {@code builtins.print}.
 */
public class PyModRef<T extends InstanceKey> extends AstModRef<T> {}
