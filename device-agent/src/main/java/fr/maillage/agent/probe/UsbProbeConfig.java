package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One USB peripheral the site must have, recognised by its vendor and product ids.
 *
 * @param sysfsDevices the kernel's USB device directory, normally {@code /sys/bus/usb/devices}
 * @param vendorProduct {@code vendor:product} in lowercase hex, as {@code lsusb} prints it (e.g. {@code 0c45:6340})
 * @param kind what the peripheral is
 * @param name how the site calls it, for the detail of a reading
 */
public record UsbProbeConfig(Path sysfsDevices, String vendorProduct, DeviceKind kind, String name)
        implements ProbeConfig {

    public static final Path SYSFS = Path.of("/sys/bus/usb/devices");
    public static final Pattern VENDOR_PRODUCT = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{4}");

    public UsbProbeConfig {
        if (vendorProduct == null || !VENDOR_PRODUCT.matcher(vendorProduct).matches()) {
            throw new IllegalArgumentException(
                    "USB id must be vendor:product in lowercase hex such as 0c45:6340, was " + vendorProduct);
        }
        if (kind == null) {
            throw new IllegalArgumentException("USB device " + vendorProduct + " needs a kind");
        }
        sysfsDevices = sysfsDevices == null ? SYSFS : sysfsDevices;
        name = name == null || name.isBlank() ? kind.name() : name;
    }

    @Override
    public Probe create() {
        return new UsbProbe(this);
    }
}
