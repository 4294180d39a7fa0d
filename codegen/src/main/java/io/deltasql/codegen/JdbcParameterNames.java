package io.deltasql.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Names the parameters of a generated method. Class files of the JDK keep no parameter names, so
 * they are derived from the method and the types, as ResultSet's javadoc names them
 * ({@code columnIndex}, {@code columnLabel}, {@code x}, {@code length}, {@code scale}, {@code cal},
 * {@code map}, {@code type}); a parameter no rule knows is named after its type.
 */
final class JdbcParameterNames {
    private JdbcParameterNames() {}

    /**
     * The names of {@code method}'s parameters, distinct and none of {@code taken} (the names the
     * generated body itself uses).
     */
    static List<String> of(ExecutableElement method, Set<String> taken) {
        List<? extends VariableElement> parameters = method.getParameters();
        Set<String> used = new HashSet<>(taken);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            String name = name(method, i, parameters.get(i).asType());
            String unique = name;
            for (int n = 2; !used.add(unique); n++) {
                unique = name + n;
            }
            names.add(unique);
        }
        return names;
    }

    private static String name(ExecutableElement method, int position, TypeMirror type) {
        String methodName = method.getSimpleName().toString();
        String typeName = simpleName(type);
        if (isResultSetMethod(method)) {
            String name = resultSetName(methodName, position, type, typeName);
            if (name != null) {
                return name;
            }
        }
        if (typeName.equals("Class")) {
            return methodName.equals("unwrap") || methodName.equals("isWrapperFor") ? "iface" : "type";
        }
        return nameOfType(type);
    }

    /** ResultSet's own names: a column first, then the value to update it with, its length or scale, and the conversions. */
    private static String resultSetName(String methodName, int position, TypeMirror type, String typeName) {
        boolean columnMethod =
                methodName.startsWith("get") || methodName.startsWith("update") || methodName.equals("findColumn");
        if (position == 0) {
            if (columnMethod && type.getKind() == TypeKind.INT) {
                return "columnIndex";
            }
            if (columnMethod && typeName.equals("String")) {
                return "columnLabel";
            }
            switch (methodName) {
                case "absolute":
                    return "row";
                case "relative":
                case "setFetchSize":
                    return "rows";
                case "setFetchDirection":
                    return "direction";
                default:
                    return null;
            }
        }
        switch (typeName) {
            case "Calendar":
                return "cal";
            case "Map":
                return "map";
            case "SQLType":
                return "targetSqlType";
            default:
                break;
        }
        if (position == 1 && methodName.startsWith("update")) {
            switch (typeName) {
                case "Reader":
                    return "reader";
                case "InputStream":
                    return "inputStream";
                default:
                    return "x";
            }
        }
        if (type.getKind() == TypeKind.INT || type.getKind() == TypeKind.LONG) {
            if (methodName.equals("getBigDecimal")) {
                return "scale";
            }
            return methodName.equals("updateObject") ? "scaleOrLength" : "length";
        }
        return null;
    }

    private static boolean isResultSetMethod(ExecutableElement method) {
        return ((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals("java.sql.ResultSet");
    }

    private static String simpleName(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                ? ((DeclaredType) type).asElement().getSimpleName().toString()
                : "";
    }

    /** {@code Calendar} → {@code calendar}, {@code SQLXML} → {@code sqlxml}, {@code int} → {@code intValue}, {@code byte[]} → {@code bytes}. */
    private static String nameOfType(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type.toString() + "Value";
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return nameOfType(((ArrayType) type).getComponentType()).replaceFirst("Value$", "") + "s";
        }
        String simple = simpleName(type);
        if (simple.isEmpty()) {
            return "value"; // a type variable or wildcard
        }
        int upper = 0;
        while (upper < simple.length() && Character.isUpperCase(simple.charAt(upper))) {
            upper++;
        }
        // "SQLXML" is all capitals; "URLConnection" keeps the capital that starts "Connection".
        int lower = upper == simple.length() || upper <= 1 ? upper : upper - 1;
        return simple.substring(0, lower).toLowerCase(Locale.ROOT) + simple.substring(lower);
    }
}
