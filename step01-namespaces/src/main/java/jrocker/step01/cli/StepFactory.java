package jrocker.step01.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * picocli's factory for one step's commands: a command whose constructor takes a {@link Step} gets this
 * step's. A {@link Shared} object (such as step03's {@code --data-root} option) is made once per command
 * line: the top command's mixin and a subcommand's constructor get the same object, so the subcommand reads
 * what the top command parsed.
 *
 * <p>A command says which system calls it needs by its constructor's type, e.g. {@code Step<RootfsSyscalls>}:
 * handing it a step whose calls are not of that type fails when the command is made, with a message that
 * names both, never later with a ClassCastException (and each step's tests make every one of its commands).
 */
public final class StepFactory implements CommandLine.IFactory {
    /** An object made once per command line and handed to every command that asks for one. */
    public interface Shared {
    }

    private final Step<?> step;
    private final Map<Class<?>, Object> shared = new HashMap<>();

    public StepFactory(Step<?> step) {
        this.step = step;
    }

    /** The step this factory hands out. */
    public Step<?> step() {
        return step;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (Shared.class.isAssignableFrom(type)) {
            Object made = shared.get(type);
            if (made == null) {
                made = make(type);
                shared.put(type, made);
            }
            return type.cast(made);
        }
        return make(type);
    }

    private <K> K make(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Type[] parameters = constructor.getGenericParameterTypes();
            if (parameters.length > 0 && suppliable(parameters)) {
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    arguments[i] = raw(parameters[i]) == Step.class ? checkedStep(type, parameters[i]) : create(raw(parameters[i]));
                }
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(arguments));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }

    private static boolean suppliable(Type[] parameters) {
        for (Type parameter : parameters) {
            Class<?> raw = raw(parameter);
            if (raw != Step.class && !Shared.class.isAssignableFrom(raw)) {
                return false;
            }
        }
        return true;
    }

    private Step<?> checkedStep(Class<?> command, Type parameter) {
        Class<?> needed = syscallsType(parameter);
        if (!needed.isInstance(step.syscalls())) {
            throw new CommandLine.InitializationException(command.getName() + " needs a step with " + needed.getSimpleName()
                    + ", but " + step.name() + " has " + step.syscalls().getClass().getSimpleName());
        }
        return step;
    }

    /** X in {@code Step<X>} or {@code Step<? extends X>}; Object for a raw {@code Step} or {@code Step<?>}. */
    static Class<?> syscallsType(Type stepType) {
        if (stepType instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[0];
            if (argument instanceof WildcardType wildcard) {
                argument = wildcard.getUpperBounds()[0];
            }
            return raw(argument);
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }
}
