# window-pareto: accuracy vs decode-state bytes, mqar_v256
#
# Accuracy against decode-state bytes: every configuration a numbered point (mean over seeds, bars min..max;
# cost: analytic decode state at the eval length), the Pareto frontier of the means as a step line; the key below the panels names each number.
# dotted: the training target.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-state-bytes.mqar_v256.gp
# in this folder: it redraws pareto-state-bytes.mqar_v256.png and pareto-state-bytes.mqar_v256.svg from pareto-state-bytes.mqar_v256.dat.

width = 1200; height = 1146   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-state-bytes.mqar_v256.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-state-bytes.mqar_v256." . format
    set grid
    set multiplot title "window-pareto: accuracy vs decode-state bytes, mqar_v256" font ",12"

    # eval length 128
    set origin 0.0000,0.5637
    set size 0.5000,0.4014
    set autoscale y
    set title "accuracy vs decode-state bytes, at 128 tokens"
    set yrange [-0.02:1.07873]
    set xrange [1280:629146]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 128 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         data index "[L=128 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=128 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 192
    set origin 0.5000,0.5637
    set size 0.5000,0.4014
    set autoscale y
    set title "accuracy vs decode-state bytes, at 192 tokens"
    set yrange [-0.02:1.07606]
    set xrange [1280:632422]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 192 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=192 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=192 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         data index "[L=192 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=192 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 128, close-up
    set origin 0.0000,0.1623
    set size 0.5000,0.4014
    set autoscale y
    set title "close-up of the best, at 128 tokens"
    set yrange [0.913597:1.00282]
    set xrange [47908.6:550502]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 128 tokens (mean over seeds)"
    unset key
    plot data index "[L=128 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         data index "[L=128 | labels close-up]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=128 | labels close-up]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 192, close-up
    set origin 0.5000,0.1623
    set size 0.5000,0.4014
    set autoscale y
    set title "close-up of the best, at 192 tokens"
    set yrange [0.887004:1.00133]
    set xrange [71314.3:550502]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 192 tokens (mean over seeds)"
    unset key
    plot data index "[L=192 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=192 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ba5cd" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3886bc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e47071" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#df5858" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db3f40" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=192 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         0.99 with lines lc rgb "#444444" dt 3 lw 1.5 title "training target 0.99", \
         data index "[L=192 | labels close-up]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=192 | labels close-up]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # key: the numbered points
    set origin 0,0
    set size 1,0.1623
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
    set lmargin 2
    set rmargin 2
    set tmargin 2
    set bmargin 0
    set key inside left top Left reverse vertical maxrows 7 samplen 1 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "1  full afm", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "2  full all_local", \
         keyentry with points lc rgb "#000000" pt 9 dt 1 ps 1.3 title "3  full lllg", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "4  linear only all_local", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "5  linear only lllg", \
         keyentry with points lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 title "6  swa W0 all_local", \
         keyentry with points lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 title "7  swa W0 lllg", \
         keyentry with points lc rgb "#6ba5cd" pt 5 dt 1 ps 1.3 title "8  swa W16 all_local", \
         keyentry with points lc rgb "#6ba5cd" pt 9 dt 1 ps 1.3 title "9  swa W16 lllg", \
         keyentry with points lc rgb "#5196c5" pt 5 dt 1 ps 1.3 title "10  swa W32 all_local", \
         keyentry with points lc rgb "#5196c5" pt 9 dt 1 ps 1.3 title "11  swa W32 lllg", \
         keyentry with points lc rgb "#3886bc" pt 5 dt 1 ps 1.3 title "12  swa W64 all_local", \
         keyentry with points lc rgb "#3886bc" pt 9 dt 1 ps 1.3 title "13  swa W64 lllg", \
         keyentry with points lc rgb "#1f77b4" pt 5 dt 1 ps 1.3 title "14  swa W128 all_local", \
         keyentry with points lc rgb "#1f77b4" pt 9 dt 1 ps 1.3 title "15  swa W128 lllg", \
         keyentry with points lc rgb "#e88889" pt 5 dt 1 ps 1.3 title "16  ratt W0 all_local", \
         keyentry with points lc rgb "#e88889" pt 9 dt 1 ps 1.3 title "17  ratt W0 lllg", \
         keyentry with points lc rgb "#e47071" pt 5 dt 1 ps 1.3 title "18  ratt W16 all_local", \
         keyentry with points lc rgb "#e47071" pt 9 dt 1 ps 1.3 title "19  ratt W16 lllg", \
         keyentry with points lc rgb "#df5858" pt 5 dt 1 ps 1.3 title "20  ratt W32 all_local", \
         keyentry with points lc rgb "#df5858" pt 9 dt 1 ps 1.3 title "21  ratt W32 lllg", \
         keyentry with points lc rgb "#db3f40" pt 5 dt 1 ps 1.3 title "22  ratt W64 all_local", \
         keyentry with points lc rgb "#db3f40" pt 9 dt 1 ps 1.3 title "23  ratt W64 lllg", \
         keyentry with points lc rgb "#d62728" pt 5 dt 1 ps 1.3 title "24  ratt W128 all_local", \
         keyentry with points lc rgb "#d62728" pt 9 dt 1 ps 1.3 title "25  ratt W128 lllg"

    unset multiplot
    set output
}
