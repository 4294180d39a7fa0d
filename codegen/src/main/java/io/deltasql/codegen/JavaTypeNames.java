package io.deltasql.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Writes types as a source file names them: by simple name with an import, qualified only where two
 * types share a simple name, so that the generated code reads like hand-written code.
 */
final class JavaTypeNames {
    private final String packageName;
    /** Simple name to the qualified name it stands for in this file. */
    private final Map<String, String> bySimpleName = new HashMap<>();

    private final TreeSet<String> imports = new TreeSet<>();

    /** @param reserved simple names of types the file declares or extends, which no import may shadow */
    JavaTypeNames(String packageName, List<String> reserved) {
        this.packageName = packageName;
        for (String name : reserved) {
            bySimpleName.put(name, packageName.isEmpty() ? name : packageName + "." + name);
        }
    }

    /** The type as written in this file. */
    String name(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> declared((DeclaredType) type);
            case ARRAY -> name(((ArrayType) type).getComponentType()) + "[]";
            case TYPEVAR -> ((TypeVariable) type).asElement().getSimpleName().toString();
            case WILDCARD -> wildcard((WildcardType) type);
            default -> type.toString(); // primitives and void
        };
    }

    /** The import lines the names written so far need, sorted. */
    List<String> importLines() {
        List<String> lines = new ArrayList<>();
        for (String qualified : imports) {
            lines.add("import " + qualified + ";");
        }
        return lines;
    }

    private String declared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String qualified = element.getQualifiedName().toString();
        StringBuilder name = new StringBuilder(
                simpleOrQualified(qualified, element.getSimpleName().toString()));
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        if (!arguments.isEmpty()) {
            name.append('<');
            for (int i = 0; i < arguments.size(); i++) {
                name.append(i == 0 ? "" : ", ").append(name(arguments.get(i)));
            }
            name.append('>');
        }
        return name.toString();
    }

    private String simpleOrQualified(String qualified, String simple) {
        String taken = bySimpleName.putIfAbsent(simple, qualified);
        if (taken != null && !taken.equals(qualified)) {
            return qualified;
        }
        String owner = qualified.substring(0, Math.max(0, qualified.length() - simple.length() - 1));
        if (!owner.equals("java.lang") && !owner.equals(packageName)) {
            imports.add(qualified);
        }
        return simple;
    }

    private String wildcard(WildcardType type) {
        if (type.getExtendsBound() != null) {
            return "? extends " + name(type.getExtendsBound());
        }
        if (type.getSuperBound() != null) {
            return "? super " + name(type.getSuperBound());
        }
        return "?";
    }
}
