package io.deltasql.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Writes the class a {@link GenerateTranslatingDelegate} asks for. The interface's methods are read
 * from the compiler's view of the JDK (the {@code --release} the build targets), so the generated
 * class implements exactly the interface it is compiled against, default methods included.
 */
public final class TranslatingDelegateProcessor extends AbstractProcessor {
    /** The base class's field the generated methods call. */
    static final String TARGET_FIELD = "target";
    /** The base class's method that turns what the target threw into the SQLException to throw. */
    static final String TRANSLATE_METHOD = "translate";

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(GenerateTranslatingDelegate.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(GenerateTranslatingDelegate.class)) {
            TypeElement base = (TypeElement) element;
            String problem = problem(base);
            if (problem != null) {
                processingEnv
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.ERROR,
                                "@GenerateTranslatingDelegate on " + base.getSimpleName() + ": " + problem,
                                base);
                continue;
            }
            generate(base, base.getAnnotation(GenerateTranslatingDelegate.class).className());
        }
        return true;
    }

    private void generate(TypeElement base, String className) {
        Elements elements = processingEnv.getElementUtils();
        DelegateSource source = new DelegateSource(elements, base, className);
        String text = source.write(
                ElementFilter.constructorsIn(base.getEnclosedElements()).stream()
                        .filter(c -> !c.getModifiers().contains(Modifier.PRIVATE))
                        .toList(),
                delegated(base));
        String qualified = source.packageName().isEmpty() ? className : source.packageName() + "." + className;
        try (Writer out =
                processingEnv.getFiler().createSourceFile(qualified, base).openWriter()) {
            out.write(text);
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, "cannot write " + qualified + ": " + e.getMessage(), base);
        }
    }

    /** Why the class cannot be completed by delegation, or null when it can. */
    private String problem(TypeElement base) {
        if (base.getKind() != ElementKind.CLASS || !base.getModifiers().contains(Modifier.ABSTRACT)) {
            return "must be an abstract class";
        }
        if (base.getInterfaces().size() != 1) {
            return "must implement exactly one interface, the one to delegate";
        }
        TypeMirror iface = base.getInterfaces().get(0);
        Types types = processingEnv.getTypeUtils();
        VariableElement target = ElementFilter.fieldsIn(base.getEnclosedElements()).stream()
                .filter(f -> f.getSimpleName().contentEquals(TARGET_FIELD))
                .findFirst()
                .orElse(null);
        if (target == null
                || target.getModifiers().contains(Modifier.PRIVATE)
                || !types.isSameType(target.asType(), iface)) {
            return "needs a non-private field " + TARGET_FIELD + " of type " + iface;
        }
        TypeMirror sqlException = processingEnv
                .getElementUtils()
                .getTypeElement("java.sql.SQLException")
                .asType();
        boolean translates = ElementFilter.methodsIn(base.getEnclosedElements()).stream()
                .anyMatch(m -> m.getSimpleName().contentEquals(TRANSLATE_METHOD)
                        && !m.getModifiers().contains(Modifier.PRIVATE)
                        && m.getParameters().size() == 1
                        && types.isSameType(
                                m.getParameters().get(0).asType(),
                                processingEnv
                                        .getElementUtils()
                                        .getTypeElement("java.lang.Throwable")
                                        .asType())
                        && types.isAssignable(m.getReturnType(), sqlException));
        if (!translates) {
            return "needs a non-private method SQLException " + TRANSLATE_METHOD + "(Throwable)";
        }
        for (ExecutableElement method : delegated(base)) {
            boolean throwsSqlException =
                    method.getThrownTypes().stream().anyMatch(t -> types.isAssignable(sqlException, t));
            if (!throwsSqlException) {
                return method.getSimpleName() + " does not throw SQLException, so its errors cannot be translated:"
                        + " implement it in the class";
            }
        }
        return null;
    }

    /**
     * The interface's instance methods (its superinterfaces' included, each once: the most specific
     * declaration) that the base class does not implement, sorted by name and parameter types.
     */
    private List<ExecutableElement> delegated(TypeElement base) {
        Elements elements = processingEnv.getElementUtils();
        Types types = processingEnv.getTypeUtils();
        List<ExecutableElement> declared = new ArrayList<>();
        collectInterfaceMethods(base.getInterfaces().get(0), declared);
        List<ExecutableElement> implemented = ElementFilter.methodsIn(base.getEnclosedElements()).stream()
                .filter(m -> !m.getModifiers().contains(Modifier.ABSTRACT))
                .toList();
        List<ExecutableElement> delegated = new ArrayList<>();
        for (ExecutableElement method : declared) {
            boolean overridden =
                    declared.stream().anyMatch(other -> other != method && elements.overrides(other, method, base));
            boolean done = implemented.stream().anyMatch(m -> elements.overrides(m, method, base));
            if (!overridden && !done) {
                delegated.add(method);
            }
        }
        delegated.sort(Comparator.comparing(
                        (ExecutableElement m) -> m.getSimpleName().toString())
                .thenComparing(m -> m.getParameters().stream()
                        .map(p -> types.erasure(p.asType()).toString())
                        .toList()
                        .toString()));
        return delegated;
    }

    private void collectInterfaceMethods(TypeMirror iface, List<ExecutableElement> into) {
        TypeElement element = (TypeElement) ((DeclaredType) iface).asElement();
        for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
            Set<Modifier> modifiers = method.getModifiers();
            if (!modifiers.contains(Modifier.STATIC)
                    && !modifiers.contains(Modifier.PRIVATE)
                    && !into.contains(method)) {
                into.add(method);
            }
        }
        for (TypeMirror parent : element.getInterfaces()) {
            collectInterfaceMethods(parent, into);
        }
    }
}
