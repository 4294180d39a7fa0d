package io.deltasql.codegen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for a generated subclass of the annotated abstract class that completes its interface by
 * delegation: each interface method the class leaves unimplemented calls the same method on the
 * class's field {@code target} and passes any {@code SQLException} or {@code RuntimeException}
 * through the class's method {@code translate(Throwable)}, which returns the SQLException to throw.
 * The annotated class implements exactly one interface and writes its special cases by hand; the
 * generated class has its constructors and is {@code final}.
 *
 * <p>Source retention: the annotation is read by {@link TranslatingDelegateProcessor} at compile
 * time and leaves nothing in the class files.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface GenerateTranslatingDelegate {
    /** Simple name of the generated class, in the annotated class's package. */
    String className();
}
