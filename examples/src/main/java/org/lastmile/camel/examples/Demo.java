package org.lastmile.camel.examples;

/** The demo the README's command runs: the orders application under load, then every vendor in its own dialect. */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("== One credential, many threads (OrdersDemo)");
        OrdersDemo.main(args);
        System.out.println();
        System.out.println("== Four vendors, each in its own dialect (VendorsDemo)");
        VendorsDemo.main(args);
    }
}
