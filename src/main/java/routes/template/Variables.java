package routes.template;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a template reads from its params: {@code values} must be given (a missing one would leave a
 * hole in the message), {@code sections} may be left out (that is what a section is for). Sorted,
 * so that they read the same however they were stored.
 */
public record Variables(SortedSet<String> values, SortedSet<String> sections) {

    static final Variables NONE = new Variables(Set.of(), Set.of());

    public Variables(Set<String> values, Set<String> sections) {
        this(Collections.unmodifiableSortedSet(new TreeSet<>(values)),
                Collections.unmodifiableSortedSet(new TreeSet<>(sections)));
    }

    Variables and(Variables other) {
        Set<String> v = new TreeSet<>(values);
        v.addAll(other.values);
        Set<String> s = new TreeSet<>(sections);
        s.addAll(other.sections);
        return new Variables(v, s);
    }
}
