# window-pareto-long-text: accuracy vs decode tokens/s, lm_shakespeare
#
# Accuracy against decode tokens/s: every configuration a numbered point (mean over seeds, bars min..max;
# cost: median over bench rounds, bars min..max), the Pareto frontier of the means as a step line; the last panel names each number.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-decode.lm_shakespeare.gp
# in this folder: it redraws pareto-decode.lm_shakespeare.png and pareto-decode.lm_shakespeare.svg from pareto-decode.lm_shakespeare.dat.

width = 1200; height = 1420   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-decode.lm_shakespeare.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-decode.lm_shakespeare." . format
    set grid
    set multiplot layout 3,2 title "window-pareto-long-text: accuracy vs decode tokens/s, lm_shakespeare" font ",12"

    # eval length 512
    set autoscale y
    set title "accuracy vs decode tokens/s, at 512 tokens"
    set yrange [0.462163:0.529963]
    set xrange [4694.94:30027.1]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "decode throughput (tokens/s, median over rounds)"
    set ylabel "accuracy at 512 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=512 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=512 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=512 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 1024
    set autoscale y
    set title "accuracy vs decode tokens/s, at 1,024 tokens"
    set yrange [0.46201:0.530757]
    set xrange [2815.16:29447.5]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "decode throughput (tokens/s, median over rounds)"
    set ylabel "accuracy at 1,024 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=1024 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=1024 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=1024 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 2048
    set autoscale y
    set title "accuracy vs decode tokens/s, at 2,048 tokens"
    set yrange [0.44562:0.523908]
    set xrange [2971.79:30215.5]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "decode throughput (tokens/s, median over rounds)"
    set ylabel "accuracy at 2,048 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=2048 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=2048 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=2048 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=2048 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 4096
    set autoscale y
    set title "accuracy vs decode tokens/s, at 4,096 tokens"
    set yrange [0.455098:0.502742]
    set xrange [892.45:29969]
    unset logscale x
    set format x "%.0s%c"
    set xlabel "decode throughput (tokens/s, median over rounds)"
    set ylabel "accuracy at 4,096 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=4096 | frontier]" using 1:2 with fsteps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=4096 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=4096 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=4096 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # key: the numbered points
    set title "points (number: configuration)"
    unset logscale x
    set xrange [0:1]
    set yrange [0:1]
    unset border
    unset xtics
    unset ytics
    unset xlabel
    unset ylabel
    unset grid
    set key inside left top vertical maxrows 4 samplen 1 spacing 1.1 width 2
    plot -1 with lines notitle, \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "1  full afm train_length=512", \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "2  full afm train_length=1024", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "3  full all_local train_length=512", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "4  full all_local train_length=1024", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "5  linear only all_local train_length=512", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "6  linear only all_local train_length=1024", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "7  linear only lllg train_length=512", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "8  linear only lllg train_length=1024"

    unset multiplot
    set output
}
