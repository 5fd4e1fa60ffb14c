package fr.maillage.ogc.layer;

import fr.maillage.territory.indicator.Disclosure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which territories' counts a layer hides: the secret ones ({@link Disclosure#isSecret}), and then, for as long as
 * some group whose total is published (a département, an EPCI, the network) has exactly one hidden non-zero
 * member, the smallest other non-zero member of that group too (ties: smaller code). This is the complementary
 * suppression of {@link Disclosure#distribution} carried across overlapping groups, so that no published total
 * minus the visible members gives a hidden count back.
 */
final class ComplementarySuppression {

    private ComplementarySuppression() {}

    /**
     * @param counts each territory's count
     * @param groups the groups each territory belongs to
     */
    static Set<String> hidden(Map<String, Long> counts, Map<String, List<String>> groups) {
        Set<String> hidden = new HashSet<>();
        counts.forEach((code, count) -> {
            if (Disclosure.isSecret(count)) {
                hidden.add(code);
            }
        });
        Map<String, List<String>> members = new LinkedHashMap<>();
        groups.forEach((code, of) -> of.forEach(g -> members.computeIfAbsent(g, k -> new ArrayList<>()).add(code)));
        boolean changed = !hidden.isEmpty();
        while (changed) {
            changed = false;
            for (List<String> group : members.values()) {
                long total = group.stream().mapToLong(counts::get).sum();
                long hiddenNonZero = group.stream().filter(c -> hidden.contains(c) && counts.get(c) > 0).count();
                // a secret total is not published, and then every non-zero member is secret already
                if (hiddenNonZero != 1 || Disclosure.isSecret(total)) {
                    continue;
                }
                Optional<String> complement = group.stream()
                        .filter(c -> !hidden.contains(c) && counts.get(c) > 0)
                        .min(Comparator.comparing((String c) -> counts.get(c)).thenComparing(Comparator.naturalOrder()));
                if (complement.isPresent()) {
                    hidden.add(complement.get());
                    changed = true;
                }
            }
        }
        return hidden;
    }
}
