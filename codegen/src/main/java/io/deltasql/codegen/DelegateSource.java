package io.deltasql.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The Java source of one generated delegating class: a final subclass of the hand-written base with
 * its constructors, and one method per interface method the base leaves to delegation, each calling
 * {@code target} and translating what it throws.
 */
final class DelegateSource {
    /** Names the generated bodies use, which no parameter may shadow. */
    private static final Set<String> BODY_NAMES = Set.of(TranslatingDelegateProcessor.TARGET_FIELD, "e");

    private final Elements elements;
    private final TypeElement base;
    private final String className;
    private final JavaTypeNames types;

    DelegateSource(Elements elements, TypeElement base, String className) {
        this.elements = elements;
        this.base = base;
        this.className = className;
        this.types = new JavaTypeNames(
                packageName(), List.of(className, base.getSimpleName().toString()));
    }

    String packageName() {
        return elements.getPackageOf(base).getQualifiedName().toString();
    }

    /** The whole file: constructors of the base, then the delegating methods in the order given. */
    String write(List<ExecutableElement> constructors, List<ExecutableElement> delegated) {
        StringBuilder body = new StringBuilder();
        for (ExecutableElement constructor : constructors) {
            body.append('\n').append(constructor(constructor));
        }
        for (ExecutableElement method : delegated) {
            body.append('\n').append(method(method));
        }
        // Named before the imports are written, which they add to.
        String generated = types.name(
                elements.getTypeElement("javax.annotation.processing.Generated").asType());
        String iface = types.name(base.getInterfaces().get(0));
        StringBuilder file = new StringBuilder();
        if (!packageName().isEmpty()) {
            file.append("package ").append(packageName()).append(";\n\n");
        }
        for (String line : types.importLines()) {
            file.append(line).append('\n');
        }
        file.append("\n/**\n")
                .append(" * {@link ")
                .append(base.getSimpleName())
                .append("} completed by delegation: every method of ")
                .append(iface)
                .append(" it does not\n")
                .append(" * implement calls {@code target} and translates what it throws. Generated at build time by\n")
                .append(" * ")
                .append(TranslatingDelegateProcessor.class.getSimpleName())
                .append(" (deltasql-codegen); change the base class or the processor, not this file.\n")
                .append(" */\n")
                .append('@')
                .append(generated)
                .append("(\"")
                .append(TranslatingDelegateProcessor.class.getName())
                .append("\")\n")
                .append(access(base))
                .append("final class ")
                .append(className)
                .append(" extends ")
                .append(base.getSimpleName())
                .append(" {")
                .append(body)
                .append("}\n");
        return file.toString();
    }

    private String constructor(ExecutableElement constructor) {
        List<String> names = new ArrayList<>();
        for (VariableElement parameter : constructor.getParameters()) {
            names.add(parameter.getSimpleName().toString());
        }
        return "    " + access(constructor) + className + "(" + parameters(constructor, names) + ")"
                + throwsClause(constructor) + " {\n"
                + "        super(" + String.join(", ", names) + ");\n"
                + "    }\n";
    }

    private String method(ExecutableElement method) {
        List<String> names = JdbcParameterNames.of(method, BODY_NAMES);
        boolean returns = method.getReturnType().getKind() != TypeKind.VOID;
        String call = TranslatingDelegateProcessor.TARGET_FIELD + "." + method.getSimpleName() + "("
                + String.join(", ", names) + ");";
        StringBuilder m = new StringBuilder();
        if (elements.isDeprecated(method)) {
            m.append("    @Deprecated\n");
        }
        m.append("    @Override\n")
                .append("    public ")
                .append(typeParameters(method))
                .append(types.name(method.getReturnType()))
                .append(' ')
                .append(method.getSimpleName())
                .append('(')
                .append(parameters(method, names))
                .append(')')
                .append(throwsClause(method))
                .append(" {\n")
                .append("        try {\n")
                .append("            ")
                .append(returns ? "return " : "")
                .append(call)
                .append('\n')
                .append("        } catch (")
                .append(types.name(sqlException()))
                .append(" | RuntimeException e) {\n")
                .append("            throw ")
                .append(TranslatingDelegateProcessor.TRANSLATE_METHOD)
                .append("(e);\n")
                .append("        }\n")
                .append("    }\n");
        return m.toString();
    }

    private TypeMirror sqlException() {
        return elements.getTypeElement("java.sql.SQLException").asType();
    }

    private String typeParameters(ExecutableElement method) {
        List<? extends TypeParameterElement> parameters = method.getTypeParameters();
        if (parameters.isEmpty()) {
            return "";
        }
        List<String> declared = new ArrayList<>();
        for (TypeParameterElement parameter : parameters) {
            List<String> bounds = new ArrayList<>();
            for (TypeMirror bound : parameter.getBounds()) {
                String name = types.name(bound);
                if (!name.equals("Object")) {
                    bounds.add(name);
                }
            }
            declared.add(
                    parameter.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
        }
        return "<" + String.join(", ", declared) + "> ";
    }

    private String parameters(ExecutableElement executable, List<String> names) {
        List<? extends VariableElement> parameters = executable.getParameters();
        List<String> declared = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            String type = types.name(parameters.get(i).asType());
            if (executable.isVarArgs() && i == parameters.size() - 1) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            declared.add(type + " " + names.get(i));
        }
        return String.join(", ", declared);
    }

    private String throwsClause(ExecutableElement executable) {
        List<String> thrown = new ArrayList<>();
        for (TypeMirror type : executable.getThrownTypes()) {
            thrown.add(types.name(type));
        }
        return thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown);
    }

    private static String access(Element element) {
        Set<Modifier> modifiers = element.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC)) {
            return "public ";
        }
        return modifiers.contains(Modifier.PROTECTED) ? "protected " : "";
    }
}
